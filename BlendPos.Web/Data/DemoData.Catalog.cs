namespace BlendPos.Web.Data;

// The demo kiosk's shelves: what a maxikiosco in Buenos Aires carries, at late-2026 costs (pesos, before markup).
public sealed partial class DemoData
{
    private enum Distribuidor { Norte, Sur }

    /// <summary>One product: cost in pesos, opening stock and the minimum below which it should be reordered.</summary>
    private sealed record Linea(string Nombre, decimal Costo, int Stock, int Minimo, decimal Iva = 21m, string Unidad = "unidad");

    /// <summary>A category: its markup over cost (0.40 = 40 %), who supplies it, and its products.</summary>
    private sealed record Categoria(string Nombre, decimal Markup, Distribuidor Distribuidor, Linea[] Lineas);

    /// <summary>A pack that opens into <see cref="Unidades"/> of <see cref="Hijo"/> (which may be a pack itself).</summary>
    private sealed record Pack(string Nombre, string Hijo, int Unidades, int Stock, int Minimo);

    private static readonly Categoria[] Catalogo =
    [
        new("Bebidas", 0.40m, Distribuidor.Norte,
        [
            new("Coca-Cola 500 ml", 1290m, 0, 24), new("Coca-Cola 1,5 L", 2500m, 18, 12),
            new("Coca-Cola 2,25 L", 3200m, 14, 10), new("Coca-Cola Zero 500 ml", 1290m, 20, 12),
            new("Coca-Cola lata 354 ml", 1070m, 30, 12), new("Sprite 500 ml", 1210m, 16, 12),
            new("Fanta Naranja 500 ml", 1210m, 9, 12), new("Pepsi 500 ml", 1140m, 22, 12),
            new("Pepsi 1,5 L", 2140m, 10, 8), new("7Up 500 ml", 1140m, 12, 8),
            new("Agua Villavicencio 500 ml", 710m, 36, 24), new("Agua Villavicencio 1,5 L", 1140m, 18, 12),
            new("Agua Villa del Sur 500 ml", 640m, 24, 12), new("Agua Eco de los Andes 500 ml", 680m, 5, 12),
            new("Agua con gas Villavicencio 500 ml", 750m, 12, 6), new("Levité Pomelo 1,5 L", 1570m, 8, 6),
            new("Aquarius Manzana 500 ml", 1070m, 14, 10), new("Gatorade Manzana 500 ml", 1430m, 12, 10),
            new("Powerade Frutas Tropicales 500 ml", 1290m, 0, 8), new("Speed Unlimited 250 ml", 1000m, 24, 12),
            new("Red Bull 250 ml", 1860m, 12, 8), new("Monster Energy 473 ml", 1930m, 10, 8),
            new("Cepita Naranja 1 L", 1640m, 6, 6), new("Baggio Pronto Multifruta 200 ml", 430m, 30, 18),
            new("Cerveza Quilmes lata 473 ml", 1500m, 6, 12), new("Cerveza Brahma lata 473 ml", 1430m, 18, 12),
            new("Cerveza Stella Artois lata 473 ml", 1860m, 12, 12), new("Cerveza Andes Origen Rubia lata 473 ml", 1790m, 8, 6),
            new("Fernet Branca 750 ml", 12860m, 4, 5), new("Paso de los Toros Pomelo 500 ml", 1070m, 10, 8),
            new("Schweppes Citrus 1,5 L", 2140m, 7, 6), new("Manaos Cola 2,25 L", 1430m, 15, 10),
        ]),
        new("Golosinas", 0.45m, Distribuidor.Sur,
        [
            new("Alfajor Havanna Chocolate", 1720m, 18, 10), new("Alfajor Havanna Dulce de Leche Blanco", 1720m, 12, 10),
            new("Alfajor Guaymallén Dulce de Leche", 620m, 3, 10), new("Alfajor Guaymallén Fruta", 620m, 22, 10),
            new("Alfajor Jorgito Chocolate", 830m, 24, 12), new("Alfajor Jorgito Blanco", 830m, 20, 12),
            new("Alfajor Fantoche Triple", 1030m, 15, 10), new("Alfajor Capitán del Espacio Negro", 960m, 12, 10),
            new("Alfajor Milka Mousse", 1100m, 9, 10), new("Alfajor Tatín Triple Blanco", 480m, 30, 12),
            new("Alfajor Terrabusi Clásico", 900m, 16, 10), new("Alfajor Bon o Bon", 760m, 20, 12),
            new("Alfajor Águila Minitorta", 1170m, 0, 6), new("Chicle Beldent Menta", 620m, 0, 12),
            new("Chicle Beldent Menta Fuerte", 620m, 14, 12), new("Chicle Topline Menta", 690m, 18, 12),
            new("Chicle Bazooka Tutti Frutti", 140m, 60, 24), new("Caramelos Sugus Masticables 150 g", 1100m, 8, 6),
            new("Pastillas Halls Menta Lyptus", 620m, 22, 12), new("Pastillas Mentitas Menta", 420m, 25, 12),
            new("Bombón Bon o Bon Leche", 480m, 40, 20), new("Chocolate Milka Leche 55 g", 1590m, 10, 8),
            new("Chocolate Cofler Block 38 g", 1240m, 16, 10), new("Chocolate Shot con maní 35 g", 830m, 14, 10),
            new("Kinder Bueno 43 g", 1790m, 6, 6), new("Rocklets 40 g", 900m, 18, 10),
            new("Mantecol 110 g", 1930m, 5, 5), new("Galletita Tita", 480m, 30, 15),
            new("Galletita Rhodesia", 480m, 28, 15), new("Turrón Arcor 25 g", 280m, 40, 20),
            new("Chupetín Pico Dulce", 210m, 45, 20), new("Chupetín Mr. Pop's", 170m, 50, 20),
            new("Gomitas Mogul Ositos 30 g", 550m, 20, 12), new("Caramelos Flynn Paff Tutti Frutti", 70m, 120, 24),
            new("Papas Lay's Clásicas 85 g", 1860m, 10, 8), new("Papas Pringles Original 124 g", 4480m, 4, 5),
            new("Chizitos 65 g", 970m, 14, 8), new("Maní Pehuamar Salado 120 g", 1170m, 12, 8),
            new("Doritos Queso 77 g", 1790m, 9, 8),
        ]),
        new("Cigarrillos", 0.12m, Distribuidor.Sur,
        [
            new("Marlboro Box 20", 3930m, 4, 20), new("Marlboro Box 10", 2050m, 12, 10),
            new("Marlboro Gold Box 20", 3930m, 16, 10), new("Marlboro Fusion Blast Box 20", 3930m, 8, 8),
            new("Philip Morris Box 20", 3660m, 12, 20), new("Philip Morris Caribbean Box 20", 3660m, 10, 8),
            new("Chesterfield Box 20", 3300m, 14, 10), new("Chesterfield Común 20", 3210m, 6, 6),
            new("Lucky Strike Box 20", 3750m, 12, 10), new("Lucky Strike Convertible Box 20", 3840m, 10, 8),
            new("Camel Box 20", 3660m, 0, 6), new("Parliament Box 20", 4020m, 6, 5),
            new("Pall Mall Box 20", 3120m, 12, 8), new("Jockey Club Box 20", 3120m, 5, 6),
        ]),
        new("Almacén", 0.35m, Distribuidor.Norte,
        [
            new("Yerba Playadito 500 g", 2220m, 12, 8), new("Yerba Taragüí 500 g", 2150m, 10, 8),
            new("Yerba Rosamonte 1 kg", 4150m, 6, 5), new("Yerba CBSé Hierbas 500 g", 2300m, 4, 6),
            new("Galletitas Oreo 118 g", 1040m, 20, 10), new("Galletitas Chocolinas 170 g", 1260m, 12, 8),
            new("Galletitas Criollitas 169 g", 960m, 15, 8), new("Galletitas Express 101 g", 590m, 18, 10),
            new("Galletitas Pepitos 119 g", 1190m, 10, 8), new("Galletitas Variedad Terrabusi 300 g", 1930m, 6, 6),
            new("Bizcochos Don Satur Grasa 200 g", 960m, 14, 8), new("Azúcar Ledesma 1 kg", 1330m, 10, 6),
            new("Harina 000 Pureza 1 kg", 890m, 8, 6, Iva: 10.5m), new("Fideos Matarazzo Tirabuzón 500 g", 1330m, 9, 6),
            new("Fideos Lucchetti Spaghetti 500 g", 960m, 12, 6), new("Arroz Gallo Oro 1 kg", 1930m, 7, 6),
            new("Aceite Cocinero Girasol 900 ml", 2370m, 0, 5), new("Leche La Serenísima Entera 1 L", 1260m, 12, 12),
            new("Dulce de Leche La Serenísima 400 g", 2150m, 6, 5), new("Mayonesa Hellmann's 250 g", 1190m, 8, 6),
            new("Café Nescafé Dolca 100 g", 3560m, 5, 5), new("Té Taragüí x 25 saquitos", 890m, 10, 6),
            new("Mate Cocido Taragüí x 25 saquitos", 960m, 8, 6), new("Sal fina Celusal 500 g", 740m, 9, 5),
            new("Pan Lactal Bimbo 390 g", 2590m, 6, 6, Iva: 10.5m), new("Pan francés", 2220m, 8, 5, Iva: 10.5m, Unidad: "kg"),
            new("Puré de Tomate Arcor 520 g", 890m, 10, 6), new("Atún La Campagnola al natural 170 g", 2220m, 6, 5),
            new("Caldo Knorr Verdura x 6", 670m, 14, 8), new("Huevos blancos x 6", 1260m, 0, 6),
        ]),
        new("Limpieza", 0.35m, Distribuidor.Norte,
        [
            new("Lavandina Ayudín 1 L", 890m, 12, 6), new("Lavandina Ayudín 2 L", 1480m, 6, 5),
            new("Detergente Magistral 300 ml", 1630m, 10, 6), new("Detergente Cif Active Gel 300 ml", 1330m, 3, 6),
            new("Limpiador Poett Lavanda 900 ml", 1330m, 8, 5), new("Limpiador Mr. Músculo Cocina 500 ml", 2520m, 5, 5),
            new("Jabón en polvo Ala 800 g", 3410m, 6, 5), new("Jabón líquido Skip 800 ml", 4440m, 4, 5),
            new("Suavizante Vivere 900 ml", 2070m, 6, 5), new("Esponja Scotch-Brite", 670m, 14, 8),
            new("Papel higiénico Higienol x 4", 2220m, 10, 6), new("Rollo de cocina Sussex x 3", 2370m, 6, 5),
            new("Bolsas de residuos 50x70 x 10", 890m, 12, 6), new("Insecticida Raid Moscas y Mosquitos 360 cm³", 4440m, 0, 5),
            new("Fósforos Fiat Lux x 220", 670m, 16, 8),
        ]),
        new("Perfumería", 0.40m, Distribuidor.Norte,
        [
            new("Jabón de tocador Dove 90 g", 1330m, 10, 6), new("Jabón de tocador Lux 125 g", 890m, 12, 6),
            new("Shampoo Sedal 190 ml", 2660m, 6, 5), new("Acondicionador Sedal 190 ml", 2660m, 5, 5),
            new("Pasta dental Colgate Triple Acción 90 g", 1930m, 8, 6), new("Cepillo dental Colgate Extra Clean", 1400m, 6, 5),
            new("Desodorante Rexona Men aerosol 150 ml", 3440m, 7, 5), new("Desodorante Axe Apollo aerosol 150 ml", 3660m, 2, 5),
            new("Toallitas femeninas Always x 8", 2060m, 8, 5), new("Pañuelos descartables Elite x 10", 1260m, 15, 8),
            new("Preservativos Prime x 3", 2520m, 10, 6), new("Apósitos Curitas x 10", 1190m, 8, 5),
            new("Máquina de afeitar Bic Comfort 3 x 2", 1780m, 6, 5),
        ]),
    ];

    // In opening order: a pack's child is listed before it, so the chain Caja → Display → Chicle resolves.
    private static readonly Pack[] Packs =
    [
        new("Caja x 12 Coca-Cola 500 ml", "Coca-Cola 500 ml", 12, 4, 2),
        new("Pack x 6 Cerveza Quilmes lata 473 ml", "Cerveza Quilmes lata 473 ml", 6, 4, 2),
        new("Caja Alfajor Guaymallén x 40", "Alfajor Guaymallén Dulce de Leche", 40, 2, 1),
        new("Display Beldent x 12", "Chicle Beldent Menta", 12, 1, 2),
        new("Caja Chicle Beldent x 20 displays", "Display Beldent x 12", 20, 2, 1),
        new("Cartón Marlboro Box x 10", "Marlboro Box 20", 10, 3, 2),
        new("Cartón Philip Morris Box x 10", "Philip Morris Box 20", 10, 2, 1),
    ];
}
