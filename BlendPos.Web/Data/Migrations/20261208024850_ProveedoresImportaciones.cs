using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlendPos.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProveedoresImportaciones : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "importaciones_lista",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    proveedor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    usuario_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    archivo = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    ok = table.Column<int>(type: "integer", nullable: false),
                    nuevos = table.Column<int>(type: "integer", nullable: false),
                    con_cambio_de_precio = table.Column<int>(type: "integer", nullable: false),
                    actualizados = table.Column<int>(type: "integer", nullable: false),
                    sin_cambios = table.Column<int>(type: "integer", nullable: false),
                    errores = table.Column<int>(type: "integer", nullable: false),
                    errores_csv = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_importaciones_lista", x => x.id);
                    table.ForeignKey(
                        name: "fk_importaciones_lista_asp_net_users_usuario_id",
                        column: x => x.usuario_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_importaciones_lista_proveedores_proveedor_id",
                        column: x => x.proveedor_id,
                        principalTable: "proveedores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_importaciones_lista_proveedor_id_created_at",
                table: "importaciones_lista",
                columns: new[] { "proveedor_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_importaciones_lista_usuario_id",
                table: "importaciones_lista",
                column: "usuario_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "importaciones_lista");
        }
    }
}
