using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlendPos.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ControlesDeCaja : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "conflicto_fecha",
                table: "ventas",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "descuento_autorizado_por_id",
                table: "ventas",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "sincronizada_por_id",
                table: "ventas",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_ventas_descuento_autorizado_por_id",
                table: "ventas",
                column: "descuento_autorizado_por_id");

            migrationBuilder.CreateIndex(
                name: "ix_ventas_sincronizada_por_id",
                table: "ventas",
                column: "sincronizada_por_id");

            migrationBuilder.AddForeignKey(
                name: "fk_ventas_usuarios_descuento_autorizado_por_id",
                table: "ventas",
                column: "descuento_autorizado_por_id",
                principalTable: "usuarios",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_ventas_usuarios_sincronizada_por_id",
                table: "ventas",
                column: "sincronizada_por_id",
                principalTable: "usuarios",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_ventas_usuarios_descuento_autorizado_por_id",
                table: "ventas");

            migrationBuilder.DropForeignKey(
                name: "fk_ventas_usuarios_sincronizada_por_id",
                table: "ventas");

            migrationBuilder.DropIndex(
                name: "ix_ventas_descuento_autorizado_por_id",
                table: "ventas");

            migrationBuilder.DropIndex(
                name: "ix_ventas_sincronizada_por_id",
                table: "ventas");

            migrationBuilder.DropColumn(
                name: "conflicto_fecha",
                table: "ventas");

            migrationBuilder.DropColumn(
                name: "descuento_autorizado_por_id",
                table: "ventas");

            migrationBuilder.DropColumn(
                name: "sincronizada_por_id",
                table: "ventas");
        }
    }
}
