using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlendPos.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Facturacion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_comprobantes_punto_de_venta_tipo_numero",
                table: "comprobantes");

            migrationBuilder.AddColumn<int>(
                name: "codigo_error",
                table: "comprobantes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "correo_error",
                table: "comprobantes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "correo_estado",
                table: "comprobantes",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "correo_intentos",
                table: "comprobantes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "correo_proximo_intento_at",
                table: "comprobantes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "cuit_emisor",
                table: "comprobantes",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "doc_nro",
                table: "comprobantes",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "doc_tipo",
                table: "comprobantes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "entorno",
                table: "comprobantes",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "enviado_at",
                table: "comprobantes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "error_permanente",
                table: "comprobantes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "fecha",
                table: "comprobantes",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "receptor_email",
                table: "comprobantes",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "afip_tickets",
                columns: table => new
                {
                    entorno = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    cuit = table.Column<long>(type: "bigint", nullable: false),
                    servicio = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    token = table.Column<string>(type: "text", nullable: false),
                    sign = table.Column<string>(type: "text", nullable: false),
                    generado_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expira_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sin_login_hasta = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_afip_tickets", x => new { x.entorno, x.cuit, x.servicio });
                });

            migrationBuilder.CreateTable(
                name: "configuracion_facturacion",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    modo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    cuit = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    razon_social = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    domicilio = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    condicion_iva = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ingresos_brutos = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    inicio_actividades = table.Column<DateOnly>(type: "date", nullable: true),
                    punto_de_venta = table.Column<int>(type: "integer", nullable: true),
                    umbral_consumidor_final = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    certificado_protegido = table.Column<byte[]>(type: "bytea", nullable: true),
                    clave_privada_protegida = table.Column<byte[]>(type: "bytea", nullable: true),
                    certificado_sujeto = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    certificado_vence_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_configuracion_facturacion", x => x.id);
                    table.CheckConstraint("ck_configuracion_facturacion_unica", "id = 1");
                });

            migrationBuilder.CreateIndex(
                name: "ix_comprobantes_correo_estado_correo_proximo_intento_at",
                table: "comprobantes",
                columns: new[] { "correo_estado", "correo_proximo_intento_at" },
                filter: "correo_estado IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_comprobantes_entorno_cuit_emisor_punto_de_venta_tipo_numero",
                table: "comprobantes",
                columns: new[] { "entorno", "cuit_emisor", "punto_de_venta", "tipo", "numero" },
                unique: true,
                filter: "numero IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "afip_tickets");

            migrationBuilder.DropTable(
                name: "configuracion_facturacion");

            migrationBuilder.DropIndex(
                name: "ix_comprobantes_correo_estado_correo_proximo_intento_at",
                table: "comprobantes");

            migrationBuilder.DropIndex(
                name: "ix_comprobantes_entorno_cuit_emisor_punto_de_venta_tipo_numero",
                table: "comprobantes");

            migrationBuilder.DropColumn(
                name: "codigo_error",
                table: "comprobantes");

            migrationBuilder.DropColumn(
                name: "correo_error",
                table: "comprobantes");

            migrationBuilder.DropColumn(
                name: "correo_estado",
                table: "comprobantes");

            migrationBuilder.DropColumn(
                name: "correo_intentos",
                table: "comprobantes");

            migrationBuilder.DropColumn(
                name: "correo_proximo_intento_at",
                table: "comprobantes");

            migrationBuilder.DropColumn(
                name: "cuit_emisor",
                table: "comprobantes");

            migrationBuilder.DropColumn(
                name: "doc_nro",
                table: "comprobantes");

            migrationBuilder.DropColumn(
                name: "doc_tipo",
                table: "comprobantes");

            migrationBuilder.DropColumn(
                name: "entorno",
                table: "comprobantes");

            migrationBuilder.DropColumn(
                name: "enviado_at",
                table: "comprobantes");

            migrationBuilder.DropColumn(
                name: "error_permanente",
                table: "comprobantes");

            migrationBuilder.DropColumn(
                name: "fecha",
                table: "comprobantes");

            migrationBuilder.DropColumn(
                name: "receptor_email",
                table: "comprobantes");

            migrationBuilder.CreateIndex(
                name: "ix_comprobantes_punto_de_venta_tipo_numero",
                table: "comprobantes",
                columns: new[] { "punto_de_venta", "tipo", "numero" },
                unique: true,
                filter: "numero IS NOT NULL");
        }
    }
}
