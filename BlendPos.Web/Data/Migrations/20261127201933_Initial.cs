using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BlendPos.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "contadores_ticket",
                columns: table => new
                {
                    punto_de_venta = table.Column<int>(type: "integer", nullable: false),
                    ultimo_numero = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contadores_ticket", x => x.punto_de_venta);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "proveedores",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    razon_social = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    cuit = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    telefono = table.Column<string>(type: "text", nullable: true),
                    email = table.Column<string>(type: "text", nullable: true),
                    direccion = table.Column<string>(type: "text", nullable: true),
                    condicion_pago = table.Column<string>(type: "text", nullable: true),
                    activo = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_proveedores", x => x.id);
                    table.CheckConstraint("ck_proveedores_cuit", "cuit ~ '^[0-9]{11}$'");
                });

            migrationBuilder.CreateTable(
                name: "roles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "usuarios",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    nombre_completo = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    punto_de_venta = table.Column<int>(type: "integer", nullable: true),
                    activo = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    username = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    hashed_password = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usuarios", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "productos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    codigo_barras = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    nombre = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    descripcion = table.Column<string>(type: "text", nullable: true),
                    categoria = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    precio_costo = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    precio_venta = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    margen_pct = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true, computedColumnSql: "CASE WHEN precio_costo > 0 THEN round((precio_venta - precio_costo) * 100 / precio_costo, 2) END", stored: true),
                    alicuota_iva = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false, defaultValue: 21m),
                    stock_actual = table.Column<int>(type: "integer", nullable: false),
                    stock_minimo = table.Column<int>(type: "integer", nullable: false, defaultValue: 5),
                    unidad_medida = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: "unidad"),
                    es_padre = table.Column<bool>(type: "boolean", nullable: false),
                    proveedor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    activo = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_productos", x => x.id);
                    table.CheckConstraint("ck_productos_codigo_barras", "codigo_barras ~ '^[0-9]{4,14}$'");
                    table.CheckConstraint("ck_productos_precios", "precio_costo >= 0 AND precio_venta >= 0");
                    table.ForeignKey(
                        name: "fk_productos_proveedores_proveedor_id",
                        column: x => x.proveedor_id,
                        principalTable: "proveedores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rol_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rol_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_rol_claims_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "refresh_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    usuario_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refresh_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_refresh_tokens_asp_net_users_usuario_id",
                        column: x => x.usuario_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sesiones_caja",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    punto_de_venta = table.Column<int>(type: "integer", nullable: false),
                    usuario_id = table.Column<Guid>(type: "uuid", nullable: false),
                    monto_inicial = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    monto_esperado = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    monto_declarado = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    desvio = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    desvio_pct = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: true),
                    clasificacion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    estado = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    observaciones = table.Column<string>(type: "text", nullable: true),
                    cerrada_por_id = table.Column<Guid>(type: "uuid", nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sesiones_caja", x => x.id);
                    table.ForeignKey(
                        name: "fk_sesiones_caja_asp_net_users_cerrada_por_id",
                        column: x => x.cerrada_por_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sesiones_caja_asp_net_users_usuario_id",
                        column: x => x.usuario_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "usuario_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usuario_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_usuario_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "usuario_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usuario_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_usuario_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "usuario_roles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usuario_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_usuario_roles_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_usuario_roles_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "usuario_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usuario_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_usuario_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "movimientos_stock",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    producto_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tipo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    cantidad = table.Column<int>(type: "integer", nullable: false),
                    stock_resultante = table.Column<int>(type: "integer", nullable: false),
                    referencia_id = table.Column<Guid>(type: "uuid", nullable: true),
                    motivo = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    usuario_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_movimientos_stock", x => x.id);
                    table.ForeignKey(
                        name: "fk_movimientos_stock_asp_net_users_usuario_id",
                        column: x => x.usuario_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_movimientos_stock_productos_producto_id",
                        column: x => x.producto_id,
                        principalTable: "productos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "precios_historial",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    producto_id = table.Column<Guid>(type: "uuid", nullable: false),
                    precio_costo = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    precio_venta = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    usuario_id = table.Column<Guid>(type: "uuid", nullable: true),
                    vigente_desde = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_precios_historial", x => x.id);
                    table.ForeignKey(
                        name: "fk_precios_historial_productos_producto_id",
                        column: x => x.producto_id,
                        principalTable: "productos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "productos_hijos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    producto_padre_id = table.Column<Guid>(type: "uuid", nullable: false),
                    producto_hijo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unidades_por_padre = table.Column<int>(type: "integer", nullable: false),
                    desarme_auto = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_productos_hijos", x => x.id);
                    table.CheckConstraint("ck_productos_hijos_no_self", "producto_padre_id <> producto_hijo_id");
                    table.CheckConstraint("ck_productos_hijos_unidades", "unidades_por_padre > 0");
                    table.ForeignKey(
                        name: "fk_productos_hijos_productos_producto_hijo_id",
                        column: x => x.producto_hijo_id,
                        principalTable: "productos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_productos_hijos_productos_producto_padre_id",
                        column: x => x.producto_padre_id,
                        principalTable: "productos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "arqueos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sesion_caja_id = table.Column<Guid>(type: "uuid", nullable: false),
                    usuario_id = table.Column<Guid>(type: "uuid", nullable: false),
                    declarado_efectivo = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    declarado_debito = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    declarado_credito = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    declarado_transferencia = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    esperado_efectivo = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    esperado_debito = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    esperado_credito = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    esperado_transferencia = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    observaciones = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_arqueos", x => x.id);
                    table.ForeignKey(
                        name: "fk_arqueos_asp_net_users_usuario_id",
                        column: x => x.usuario_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_arqueos_sesiones_caja_sesion_caja_id",
                        column: x => x.sesion_caja_id,
                        principalTable: "sesiones_caja",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ventas",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    numero_ticket = table.Column<long>(type: "bigint", nullable: false),
                    punto_de_venta = table.Column<int>(type: "integer", nullable: false),
                    sesion_caja_id = table.Column<Guid>(type: "uuid", nullable: false),
                    usuario_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subtotal = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    descuento_total = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    total = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    vuelto = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    estado = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    conflicto_stock = table.Column<bool>(type: "boolean", nullable: false),
                    conflicto_precio = table.Column<bool>(type: "boolean", nullable: false),
                    conflicto_sesion = table.Column<bool>(type: "boolean", nullable: false),
                    offline = table.Column<bool>(type: "boolean", nullable: false),
                    conflicto_revisado_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    conflicto_revisado_por_id = table.Column<Guid>(type: "uuid", nullable: true),
                    motivo_anulacion = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    anulada_por_id = table.Column<Guid>(type: "uuid", nullable: true),
                    anulada_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ventas", x => x.id);
                    table.ForeignKey(
                        name: "fk_ventas_sesiones_caja_sesion_caja_id",
                        column: x => x.sesion_caja_id,
                        principalTable: "sesiones_caja",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ventas_usuarios_anulada_por_id",
                        column: x => x.anulada_por_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ventas_usuarios_conflicto_revisado_por_id",
                        column: x => x.conflicto_revisado_por_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ventas_usuarios_usuario_id",
                        column: x => x.usuario_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "comprobantes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tipo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    numero = table.Column<long>(type: "bigint", nullable: true),
                    punto_de_venta = table.Column<int>(type: "integer", nullable: false),
                    cae = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: true),
                    cae_vencimiento = table.Column<DateOnly>(type: "date", nullable: true),
                    receptor_cuit = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    receptor_nombre = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    condicion_iva_receptor = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    detalle = table.Column<string>(type: "jsonb", nullable: true),
                    monto_neto = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    monto_iva = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    monto_total = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    estado = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    intentos = table.Column<int>(type: "integer", nullable: false),
                    proximo_intento_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pdf_path = table.Column<string>(type: "text", nullable: true),
                    venta_id = table.Column<Guid>(type: "uuid", nullable: false),
                    comprobante_asociado_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comprobantes", x => x.id);
                    table.ForeignKey(
                        name: "fk_comprobantes_comprobantes_comprobante_asociado_id",
                        column: x => x.comprobante_asociado_id,
                        principalTable: "comprobantes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_comprobantes_ventas_venta_id",
                        column: x => x.venta_id,
                        principalTable: "ventas",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "movimientos_caja",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sesion_caja_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tipo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    metodo_pago = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    monto = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    descripcion = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    referencia_id = table.Column<Guid>(type: "uuid", nullable: true),
                    usuario_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_movimientos_caja", x => x.id);
                    table.ForeignKey(
                        name: "fk_movimientos_caja_asp_net_users_usuario_id",
                        column: x => x.usuario_id,
                        principalTable: "usuarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_movimientos_caja_sesiones_caja_sesion_caja_id",
                        column: x => x.sesion_caja_id,
                        principalTable: "sesiones_caja",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_movimientos_caja_ventas_referencia_id",
                        column: x => x.referencia_id,
                        principalTable: "ventas",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "venta_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    venta_id = table.Column<Guid>(type: "uuid", nullable: false),
                    producto_id = table.Column<Guid>(type: "uuid", nullable: false),
                    codigo_barras = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    nombre = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    cantidad = table.Column<int>(type: "integer", nullable: false),
                    precio_unitario = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    descuento_item = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    subtotal = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    alicuota_iva = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_venta_items", x => x.id);
                    table.CheckConstraint("ck_venta_items_cantidad", "cantidad > 0");
                    table.ForeignKey(
                        name: "fk_venta_items_productos_producto_id",
                        column: x => x.producto_id,
                        principalTable: "productos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_venta_items_ventas_venta_id",
                        column: x => x.venta_id,
                        principalTable: "ventas",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "venta_pagos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    venta_id = table.Column<Guid>(type: "uuid", nullable: false),
                    metodo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    monto = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_venta_pagos", x => x.id);
                    table.CheckConstraint("ck_venta_pagos_monto", "monto > 0");
                    table.ForeignKey(
                        name: "fk_venta_pagos_ventas_venta_id",
                        column: x => x.venta_id,
                        principalTable: "ventas",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_arqueos_sesion_caja_id",
                table: "arqueos",
                column: "sesion_caja_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_arqueos_usuario_id",
                table: "arqueos",
                column: "usuario_id");

            migrationBuilder.CreateIndex(
                name: "ix_comprobantes_comprobante_asociado_id",
                table: "comprobantes",
                column: "comprobante_asociado_id");

            migrationBuilder.CreateIndex(
                name: "ix_comprobantes_estado_proximo_intento_at",
                table: "comprobantes",
                columns: new[] { "estado", "proximo_intento_at" });

            migrationBuilder.CreateIndex(
                name: "ix_comprobantes_punto_de_venta_tipo_numero",
                table: "comprobantes",
                columns: new[] { "punto_de_venta", "tipo", "numero" },
                unique: true,
                filter: "numero IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_comprobantes_venta_id",
                table: "comprobantes",
                column: "venta_id");

            migrationBuilder.CreateIndex(
                name: "ix_movimientos_caja_referencia_id",
                table: "movimientos_caja",
                column: "referencia_id");

            migrationBuilder.CreateIndex(
                name: "ix_movimientos_caja_sesion_caja_id",
                table: "movimientos_caja",
                column: "sesion_caja_id");

            migrationBuilder.CreateIndex(
                name: "ix_movimientos_caja_usuario_id",
                table: "movimientos_caja",
                column: "usuario_id");

            migrationBuilder.CreateIndex(
                name: "ix_movimientos_stock_producto_id_id",
                table: "movimientos_stock",
                columns: new[] { "producto_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_movimientos_stock_referencia_id",
                table: "movimientos_stock",
                column: "referencia_id");

            migrationBuilder.CreateIndex(
                name: "ix_movimientos_stock_usuario_id",
                table: "movimientos_stock",
                column: "usuario_id");

            migrationBuilder.CreateIndex(
                name: "ix_precios_historial_producto_id_vigente_desde",
                table: "precios_historial",
                columns: new[] { "producto_id", "vigente_desde" });

            migrationBuilder.CreateIndex(
                name: "ix_productos_categoria",
                table: "productos",
                column: "categoria");

            migrationBuilder.CreateIndex(
                name: "ix_productos_codigo_barras",
                table: "productos",
                column: "codigo_barras",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_productos_nombre_trgm",
                table: "productos",
                column: "nombre")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_productos_proveedor_id",
                table: "productos",
                column: "proveedor_id");

            migrationBuilder.CreateIndex(
                name: "ix_productos_updated_at",
                table: "productos",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_productos_version",
                table: "productos",
                column: "version");

            migrationBuilder.CreateIndex(
                name: "ix_productos_hijos_producto_hijo_id",
                table: "productos_hijos",
                column: "producto_hijo_id");

            migrationBuilder.CreateIndex(
                name: "ix_productos_hijos_producto_padre_id_producto_hijo_id",
                table: "productos_hijos",
                columns: new[] { "producto_padre_id", "producto_hijo_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_proveedores_cuit",
                table: "proveedores",
                column: "cuit",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_token_hash",
                table: "refresh_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_usuario_id",
                table: "refresh_tokens",
                column: "usuario_id");

            migrationBuilder.CreateIndex(
                name: "ix_rol_claims_role_id",
                table: "rol_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sesiones_caja_cerrada_por_id",
                table: "sesiones_caja",
                column: "cerrada_por_id");

            migrationBuilder.CreateIndex(
                name: "ix_sesiones_caja_opened_at",
                table: "sesiones_caja",
                column: "opened_at");

            migrationBuilder.CreateIndex(
                name: "ix_sesiones_caja_usuario_id_estado",
                table: "sesiones_caja",
                columns: new[] { "usuario_id", "estado" });

            migrationBuilder.CreateIndex(
                name: "ux_sesiones_caja_pdv_abierta",
                table: "sesiones_caja",
                column: "punto_de_venta",
                unique: true,
                filter: "estado = 'abierta'");

            migrationBuilder.CreateIndex(
                name: "ux_sesiones_caja_usuario_abierta",
                table: "sesiones_caja",
                column: "usuario_id",
                unique: true,
                filter: "estado = 'abierta'");

            migrationBuilder.CreateIndex(
                name: "ix_usuario_claims_user_id",
                table: "usuario_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_usuario_logins_user_id",
                table: "usuario_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_usuario_roles_role_id",
                table: "usuario_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_usuarios_normalized_email",
                table: "usuarios",
                column: "normalized_email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "usuarios",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venta_items_producto_id",
                table: "venta_items",
                column: "producto_id");

            migrationBuilder.CreateIndex(
                name: "ix_venta_items_venta_id",
                table: "venta_items",
                column: "venta_id");

            migrationBuilder.CreateIndex(
                name: "ix_venta_pagos_venta_id",
                table: "venta_pagos",
                column: "venta_id");

            migrationBuilder.CreateIndex(
                name: "ix_ventas_anulada_por_id",
                table: "ventas",
                column: "anulada_por_id");

            migrationBuilder.CreateIndex(
                name: "ix_ventas_conflicto_revisado_por_id",
                table: "ventas",
                column: "conflicto_revisado_por_id");

            migrationBuilder.CreateIndex(
                name: "ix_ventas_created_at",
                table: "ventas",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_ventas_punto_de_venta_numero_ticket",
                table: "ventas",
                columns: new[] { "punto_de_venta", "numero_ticket" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ventas_sesion_caja_id",
                table: "ventas",
                column: "sesion_caja_id");

            migrationBuilder.CreateIndex(
                name: "ix_ventas_usuario_id",
                table: "ventas",
                column: "usuario_id");
            // ADR-004: money movements are immutable; a void writes inverse movements. The database enforces it,
            // so no code path (or psql session) can rewrite cash history. The stock ledger is append-only too.
            migrationBuilder.Sql(@"
CREATE FUNCTION reject_update_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER movimientos_caja_inmutables BEFORE UPDATE OR DELETE ON movimientos_caja
    FOR EACH ROW EXECUTE FUNCTION reject_update_delete();
CREATE TRIGGER movimientos_caja_sin_truncate BEFORE TRUNCATE ON movimientos_caja
    FOR EACH STATEMENT EXECUTE FUNCTION reject_update_delete();
CREATE TRIGGER movimientos_stock_inmutables BEFORE UPDATE OR DELETE ON movimientos_stock
    FOR EACH ROW EXECUTE FUNCTION reject_update_delete();
");

            // Every insert or update of a product stamps it with its transaction id: the offline catalog's delta
            // cursor (see CatalogoService.SyncAsync).
            migrationBuilder.Sql(@"
CREATE FUNCTION productos_set_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := pg_current_xact_id()::text::bigint;
    RETURN NEW;
END;
$$;
CREATE TRIGGER productos_version BEFORE INSERT OR UPDATE ON productos
    FOR EACH ROW EXECUTE FUNCTION productos_set_version();
");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"
DROP TRIGGER IF EXISTS productos_version ON productos;
DROP FUNCTION IF EXISTS productos_set_version();
DROP TRIGGER IF EXISTS movimientos_stock_inmutables ON movimientos_stock;
DROP TRIGGER IF EXISTS movimientos_caja_sin_truncate ON movimientos_caja;
DROP TRIGGER IF EXISTS movimientos_caja_inmutables ON movimientos_caja;
DROP FUNCTION IF EXISTS reject_update_delete();
");

            migrationBuilder.DropTable(
                name: "arqueos");

            migrationBuilder.DropTable(
                name: "comprobantes");

            migrationBuilder.DropTable(
                name: "contadores_ticket");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "movimientos_caja");

            migrationBuilder.DropTable(
                name: "movimientos_stock");

            migrationBuilder.DropTable(
                name: "precios_historial");

            migrationBuilder.DropTable(
                name: "productos_hijos");

            migrationBuilder.DropTable(
                name: "refresh_tokens");

            migrationBuilder.DropTable(
                name: "rol_claims");

            migrationBuilder.DropTable(
                name: "usuario_claims");

            migrationBuilder.DropTable(
                name: "usuario_logins");

            migrationBuilder.DropTable(
                name: "usuario_roles");

            migrationBuilder.DropTable(
                name: "usuario_tokens");

            migrationBuilder.DropTable(
                name: "venta_items");

            migrationBuilder.DropTable(
                name: "venta_pagos");

            migrationBuilder.DropTable(
                name: "roles");

            migrationBuilder.DropTable(
                name: "productos");

            migrationBuilder.DropTable(
                name: "ventas");

            migrationBuilder.DropTable(
                name: "proveedores");

            migrationBuilder.DropTable(
                name: "sesiones_caja");

            migrationBuilder.DropTable(
                name: "usuarios");
        }
    }
}
