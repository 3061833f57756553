using System.Globalization;
using BlendPos.Domain.Catalogo;
using Npgsql;
using NpgsqlTypes;

namespace BlendPos.Bench;

public sealed record SeedProduct(Guid Id, string Barcode, string Name, string Category, decimal Cost, decimal Price,
    decimal Iva, int Stock, int Minimum, bool Active);

/// <summary>
/// A realistic kiosk catalog: brand × product × variant × size per category ("Havanna Alfajor Triple Chocolate 70 g",
/// "Coca-Cola Zero 1,5 L"), EAN-13 barcodes with the Argentine prefix 779 and a valid check digit. Deterministic for a
/// given seed, so two runs search the same names.
/// </summary>
public static class Catalog
{
    private sealed record Category(
        string Name, double Share, decimal BaseCost, decimal Iva, string[] Brands, string[] Products, string[] Variants, string[] Sizes);

    private static readonly Category[] Categories =
    [
        new("Golosinas", 0.26, 700m, 21m,
            ["Havanna", "Arcor", "Terrabusi", "Jorgito", "Guaymallén", "Fantoche", "Milka", "Cadbury", "Felfort", "Georgalos",
             "Bonafide", "Águila", "Cofler", "Tatín", "Capitán del Espacio", "Suchard", "Block", "Nestlé", "Bagley", "Mogul",
             "Billiken", "Topline", "Beldent", "Halls", "Sugus", "Flynn Paff", "Pico Dulce", "Rocklets", "Shot", "Tofi"],
            ["Alfajor", "Chocolate", "Bombón", "Turrón", "Chupetín", "Caramelos", "Chicle", "Pastillas", "Gomitas", "Oblea",
             "Barra de Cereal", "Confites", "Tableta", "Bocadito", "Huevo de Pascua"],
            ["Triple Chocolate", "Simple Chocolate", "Dulce de Leche", "Blanco", "Negro", "Mousse", "Frutilla", "Menta",
             "Maní", "Almendras", "Tutti Frutti", "Limón", "Coco", "Mixto"],
            ["25 g", "38 g", "45 g", "55 g", "70 g", "80 g", "100 g", "150 g", "x 6 u", "x 12 u"]),
        new("Bebidas", 0.18, 1400m, 21m,
            ["Coca-Cola", "Pepsi", "Sprite", "Fanta", "7Up", "Manaos", "Schweppes", "Paso de los Toros", "Villavicencio",
             "Villa del Sur", "Eco de los Andes", "Glaciar", "Levité", "Aquarius", "Gatorade", "Powerade", "Speed", "Red Bull",
             "Monster", "Cepita", "Baggio", "Ades", "Quilmes", "Brahma", "Stella Artois", "Andes", "Heineken", "Corona",
             "Branca", "Cynar"],
            ["", "", "Gaseosa", "Agua", "Jugo", "Bebida Isotónica", "Energizante", "Cerveza", "Agua Saborizada", "Soda"],
            ["Original", "Zero", "Light", "Naranja", "Pomelo", "Limón", "Manzana", "Frutilla", "Multifruta", "Cola",
             "Lima Limón", "Tónica", "Sin Gas", "Con Gas", "Rubia", "Negra"],
            ["237 ml", "354 ml", "473 ml", "500 ml", "600 ml", "1 L", "1,5 L", "2,25 L", "3 L", "lata 269 ml"]),
        new("Almacén", 0.18, 1500m, 10.5m,
            ["Marolio", "Molto", "Lucchetti", "Matarazzo", "Don Vicente", "Knorr", "Hellmann's", "Natura", "Cocinero",
             "Ledesma", "Chango", "Taragüí", "Rosamonte", "Playadito", "La Virginia", "Cabrales", "Nescafé", "Dolca",
             "La Campagnola", "Canale", "Gallo", "Morixe", "Blancaflor", "Favorita", "Inca", "Savora", "Alicante",
             "Dos Anclas", "Celusal", "Arcor"],
            ["Fideos", "Arroz", "Yerba Mate", "Café", "Té", "Azúcar", "Aceite", "Mayonesa", "Ketchup", "Mostaza",
             "Puré de Tomate", "Harina", "Sal", "Caldo", "Sopa", "Arvejas", "Atún", "Mermelada", "Dulce de Leche", "Polenta"],
            ["Clásico", "Light", "Suave", "Intenso", "Tirabuzón", "Spaghetti", "Mostachol", "Largo Fino", "Doble Carolina",
             "Con Palo", "Sin Palo", "Saborizado", "Girasol", "Oliva", "Común", "Leudante", "Gallina", "Verdura", "Durazno",
             "Integral"],
            ["250 g", "500 g", "1 kg", "2 kg", "900 ml", "1,5 L", "125 g", "50 g", "x 25 u", "350 g"]),
        new("Snacks", 0.07, 1600m, 21m,
            ["Lay's", "Pringles", "Doritos", "Cheetos", "3D", "Pehuamar", "Krachitos", "Saladix", "Quento", "Kesitas",
             "Twistos", "Mani King"],
            ["Papas Fritas", "Palitos", "Maní", "Chizitos", "Nachos", "Galletas de Arroz", "Mix", "Tostadas"],
            ["Clásicas", "Queso", "Jamón", "Cebolla", "Pizza", "Picante", "Salado", "Sin Sal", "Barbacoa", "Crema y Cebolla"],
            ["40 g", "85 g", "124 g", "150 g", "250 g"]),
        new("Galletitas", 0.10, 1100m, 21m,
            ["Terrabusi", "Bagley", "Oreo", "Pepitos", "Tita", "Rhodesia", "Toddy", "Chocolinas", "Criollitas", "Traviata",
             "Express", "Club Social", "Cerealitas", "Mana", "Sonrisas", "Diversión", "Okebon", "Hogareñas", "Lincoln", "Opera"],
            ["Galletitas", "Obleas", "Tapitas", "Bizcochos", "Budín", "Vainillas", "Crackers", "Pepas"],
            ["Chocolate", "Vainilla", "Limón", "Dulce de Leche", "Frutilla", "Agua", "Salvado", "Integral", "Rellenas", "Surtidas"],
            ["100 g", "118 g", "150 g", "170 g", "250 g", "300 g", "400 g", "x 3 u"]),
        new("Lácteos", 0.06, 1300m, 10.5m,
            ["La Serenísima", "Sancor", "Ser", "Danone", "Yogurísimo", "Milkaut", "Tregar", "Verónica", "Ilolay",
             "Casancrem", "Finlandia", "La Paulina"],
            ["Leche", "Yogur", "Queso", "Manteca", "Crema", "Postre", "Dulce de Leche", "Leche Chocolatada"],
            ["Entera", "Descremada", "Frutilla", "Vainilla", "Durazno", "Natural", "Light", "Cremoso", "Untable", "Bebible"],
            ["125 g", "190 g", "200 g", "500 g", "1 L", "900 g", "1 kg"]),
        new("Limpieza", 0.07, 1800m, 21m,
            ["Ala", "Skip", "Magistral", "Cif", "Lysoform", "Poett", "Ayudín", "Raid", "Off", "Procenex", "Mr. Músculo",
             "Harpic", "Glade", "Drive", "Querubín", "Elite", "Higienol", "Campanita", "Vívere", "Vim"],
            ["Detergente", "Jabón en Polvo", "Limpiador", "Desinfectante", "Lavandina", "Suavizante", "Insecticida",
             "Papel Higiénico", "Rollo de Cocina", "Servilletas", "Esponja"],
            ["Limón", "Lavanda", "Original", "Bebé", "Ultra", "Concentrado", "Floral", "Marina", "Antibacterial", "Doble Hoja"],
            ["300 ml", "500 ml", "750 ml", "1 L", "3 L", "400 g", "800 g", "x 4 u", "x 6 u"]),
        new("Perfumería", 0.06, 2200m, 21m,
            ["Colgate", "Sensodyne", "Oral-B", "Dove", "Rexona", "Axe", "Sedal", "Pantene", "Elvive", "Head & Shoulders",
             "Plusbelle", "Lux", "Nivea", "Gillette", "Johnson's", "Carefree", "Always", "Lady Speed Stick"],
            ["Pasta Dental", "Cepillo Dental", "Jabón", "Desodorante", "Shampoo", "Acondicionador", "Crema", "Afeitadora",
             "Toallitas", "Protectores"],
            ["Original", "Men", "Sensitive", "Blanqueadora", "Aloe Vera", "Control Caspa", "Hidratación", "Invisible",
             "Extra Fresh", "Nocturno"],
            ["50 ml", "90 g", "150 ml", "200 ml", "400 ml", "x 3 u", "x 10 u"]),
        new("Cigarrillos", 0.02, 2600m, 21m,
            ["Marlboro", "Philip Morris", "Chesterfield", "Lucky Strike", "Camel", "Parliament", "Pall Mall", "Jockey Club",
             "Derby", "Le Mans", "Master", "Red Point"],
            ["Cigarrillos", "Tabaco", "Papelillos", "Filtros"],
            ["Box", "Común", "Red", "Gold", "Blue", "Convertible", "Fusion", "Mentol", "Click", "Silver"],
            ["x 10", "x 12", "x 20", "x 24"]),
    ];

    public static List<SeedProduct> Generate(int count, int seed)
    {
        var rnd = new Random(seed);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var codes = new HashSet<int>();
        var products = new List<SeedProduct>(count);
        var totalShare = Categories.Sum(c => c.Share);

        for (var ci = 0; ci < Categories.Length; ci++)
        {
            var c = Categories[ci];
            var quota = ci == Categories.Length - 1 ? count - products.Count : (int)Math.Round(count * c.Share / totalShare);
            var combos = (long)c.Brands.Length * c.Products.Length * c.Variants.Length * c.Sizes.Length;
            if (combos < quota * 1.2)
                throw new InvalidOperationException($"Category {c.Name} has {combos} names for {quota} products: lower --products.");
            var made = 0;
            while (made < quota)
            {
                var name = string.Join(' ', new[]
                {
                    Pick(rnd, c.Brands), Pick(rnd, c.Products), Pick(rnd, c.Variants), Pick(rnd, c.Sizes),
                }.Where(s => s.Length > 0));
                if (!names.Add(name)) continue;

                int item;
                do item = rnd.Next(0, 1_000_000_000); while (!codes.Add(item));
                var body = "779" + item.ToString("D9", CultureInfo.InvariantCulture);
                var barcode = body + Gtin.ComputeCheckDigit(body).ToString(CultureInfo.InvariantCulture);

                var cost = Math.Round(c.BaseCost * (decimal)(0.4 + rnd.NextDouble() * 1.6), 2);
                var price = Math.Round(cost * (decimal)(1.25 + rnd.NextDouble() * 0.35) / 10m, 0) * 10m;
                products.Add(new SeedProduct(Guid.NewGuid(), barcode, name, c.Name, cost, price, c.Iva,
                    rnd.Next(0, 120), rnd.Next(3, 15), rnd.NextDouble() >= 0.02));
                made++;
            }
        }

        // Rows in name order would make the heap perfectly clustered by name; a shop adds products in any order.
        for (var i = products.Count - 1; i > 0; i--)
        {
            var j = rnd.Next(i + 1);
            (products[i], products[j]) = (products[j], products[i]);
        }
        return products;
    }

    /// <summary>Binary COPY into productos (margen_pct is generated; the version trigger stamps each row).</summary>
    public static async Task<ulong> CopyAsync(NpgsqlConnection conn, IReadOnlyList<SeedProduct> products)
    {
        var now = DateTimeOffset.UtcNow;
        await using var writer = await conn.BeginBinaryImportAsync(
            "COPY productos (id, codigo_barras, nombre, descripcion, categoria, precio_costo, precio_venta, alicuota_iva, " +
            "stock_actual, stock_minimo, unidad_medida, es_padre, proveedor_id, activo, created_at, updated_at) " +
            "FROM STDIN (FORMAT BINARY)");
        foreach (var p in products)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(p.Id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(p.Barcode, NpgsqlDbType.Varchar);
            await writer.WriteAsync(p.Name, NpgsqlDbType.Varchar);
            await writer.WriteNullAsync();
            await writer.WriteAsync(p.Category, NpgsqlDbType.Varchar);
            await writer.WriteAsync(p.Cost, NpgsqlDbType.Numeric);
            await writer.WriteAsync(p.Price, NpgsqlDbType.Numeric);
            await writer.WriteAsync(p.Iva, NpgsqlDbType.Numeric);
            await writer.WriteAsync(p.Stock, NpgsqlDbType.Integer);
            await writer.WriteAsync(p.Minimum, NpgsqlDbType.Integer);
            await writer.WriteAsync("unidad", NpgsqlDbType.Varchar);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean);
            await writer.WriteNullAsync();
            await writer.WriteAsync(p.Active, NpgsqlDbType.Boolean);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
        }
        return await writer.CompleteAsync();
    }

    private static string Pick(Random rnd, string[] items) => items[rnd.Next(items.Length)];
}
