using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlendPos.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResumenDiario : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "resumen_dias",
                columns: table => new
                {
                    dia = table.Column<DateOnly>(type: "date", nullable: false),
                    desde = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    hasta = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sucio = table.Column<bool>(type: "boolean", nullable: false),
                    resumido_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resumen_dias", x => x.dia);
                });

            migrationBuilder.CreateTable(
                name: "resumen_pagos",
                columns: table => new
                {
                    dia = table.Column<DateOnly>(type: "date", nullable: false),
                    punto_de_venta = table.Column<int>(type: "integer", nullable: false),
                    usuario_id = table.Column<Guid>(type: "uuid", nullable: false),
                    metodo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    monto = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resumen_pagos", x => new { x.dia, x.punto_de_venta, x.usuario_id, x.metodo });
                });

            migrationBuilder.CreateTable(
                name: "resumen_productos",
                columns: table => new
                {
                    dia = table.Column<DateOnly>(type: "date", nullable: false),
                    punto_de_venta = table.Column<int>(type: "integer", nullable: false),
                    producto_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unidades = table.Column<int>(type: "integer", nullable: false),
                    ingresos = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    costo = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    unidades_sin_costo = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resumen_productos", x => new { x.dia, x.punto_de_venta, x.producto_id });
                });

            migrationBuilder.CreateTable(
                name: "resumen_ventas",
                columns: table => new
                {
                    dia = table.Column<DateOnly>(type: "date", nullable: false),
                    punto_de_venta = table.Column<int>(type: "integer", nullable: false),
                    usuario_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tickets = table.Column<int>(type: "integer", nullable: false),
                    total = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    anuladas = table.Column<int>(type: "integer", nullable: false),
                    total_anulado = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    vuelto = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resumen_ventas", x => new { x.dia, x.punto_de_venta, x.usuario_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_resumen_dias_hasta",
                table: "resumen_dias",
                column: "hasta");

            // A sale written into a day already summarized (a late offline sale), a change to what the summaries count
            // (a void: estado; or amounts, cashier, punto de venta, instant) or a deleted sale marks its day dirty, so
            // the reports read that day live until ResumenJob summarizes it again. Per row, and cheap on the till: a sale
            // of today finds no summarized day ending after it (ix_resumen_dias_hasta), so the UPDATE touches nothing.
            migrationBuilder.Sql(@"
CREATE FUNCTION resumen_marcar_dia_sucio() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        UPDATE resumen_dias SET sucio = true WHERE hasta > NEW.created_at AND desde <= NEW.created_at AND NOT sucio;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        UPDATE resumen_dias SET sucio = true WHERE hasta > OLD.created_at AND desde <= OLD.created_at AND NOT sucio;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ventas_resumen_alta AFTER INSERT ON ventas
    FOR EACH ROW EXECUTE FUNCTION resumen_marcar_dia_sucio();
CREATE TRIGGER ventas_resumen_cambio AFTER UPDATE OF estado, total, vuelto, created_at, usuario_id, punto_de_venta ON ventas
    FOR EACH ROW WHEN (OLD.estado IS DISTINCT FROM NEW.estado OR OLD.total IS DISTINCT FROM NEW.total
        OR OLD.vuelto IS DISTINCT FROM NEW.vuelto OR OLD.created_at IS DISTINCT FROM NEW.created_at
        OR OLD.usuario_id IS DISTINCT FROM NEW.usuario_id OR OLD.punto_de_venta IS DISTINCT FROM NEW.punto_de_venta)
    EXECUTE FUNCTION resumen_marcar_dia_sucio();
CREATE TRIGGER ventas_resumen_baja AFTER DELETE ON ventas
    FOR EACH ROW EXECUTE FUNCTION resumen_marcar_dia_sucio();
");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"
DROP TRIGGER IF EXISTS ventas_resumen_alta ON ventas;
DROP TRIGGER IF EXISTS ventas_resumen_cambio ON ventas;
DROP TRIGGER IF EXISTS ventas_resumen_baja ON ventas;
DROP FUNCTION IF EXISTS resumen_marcar_dia_sucio();
");
            migrationBuilder.DropTable(
                name: "resumen_dias");

            migrationBuilder.DropTable(
                name: "resumen_pagos");

            migrationBuilder.DropTable(
                name: "resumen_productos");

            migrationBuilder.DropTable(
                name: "resumen_ventas");
        }
    }
}
