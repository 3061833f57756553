using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlendPos.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndicesReportes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_ventas_anulada_at",
                table: "ventas",
                column: "anulada_at",
                filter: "anulada_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ventas_conflictos_created_at",
                table: "ventas",
                column: "created_at",
                filter: "conflicto_stock OR conflicto_precio OR conflicto_sesion OR conflicto_fecha");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ventas_anulada_at",
                table: "ventas");

            migrationBuilder.DropIndex(
                name: "ix_ventas_conflictos_created_at",
                table: "ventas");
        }
    }
}
