using BlendPos.Web.Features.Catalogo;
using Npgsql;
using NpgsqlTypes;

namespace BlendPos.Bench;

/// <summary>Which pass answers a name search in the app.</summary>
public enum SearchPath { Words, BroadWords, Fuzzy }

/// <summary>
/// The floor: the same operations as one hand-written, prepared SQL statement each, on a plain NpgsqlConnection per
/// client (no EF, no cache, no HTTP). Every column of every row is read, as the app's materialization does.
/// </summary>
public sealed class RawSql : IAsyncDisposable
{
    public const string Columns =
        "id, codigo_barras, nombre, descripcion, categoria, precio_costo, precio_venta, margen_pct, alicuota_iva, " +
        "stock_actual, stock_minimo, unidad_medida, es_padre, proveedor_id, activo, created_at, updated_at, version";

    public const string BarcodeSql = $"SELECT {Columns} FROM productos WHERE codigo_barras = $1";

    /// <summary>
    /// What ProductoSearch.Fuzzy asks: word similarity over the GIN trigram index, ranked by the sum of each word's
    /// word similarity, then the whole query's.
    /// </summary>
    public const string FuzzySql =
        $"SELECT {Columns} FROM productos WHERE activo AND $1 <% nombre " +
        "ORDER BY (SELECT sum(word_similarity(w, nombre)) FROM unnest(string_to_array($1, ' ')) AS w) DESC, $1 <<-> nombre, nombre LIMIT 20";

    /// <summary>
    /// What ProductoSearch asks in its words pass: every word as an escaped substring, most similar first, or for a
    /// broad query (more than <see cref="ProductoSearch.SimilarityRankLimit"/> matches) shortest name first.
    /// </summary>
    public static string WordsSql(int words, bool broad)
    {
        var order = broad ? "length(nombre), nombre" : "similarity(nombre, $1) DESC, nombre";
        return $"SELECT {Columns} FROM productos WHERE {WordsWhere(words)} ORDER BY {order} LIMIT 20";
    }

    public static string CountWordsSql(int words) => $"SELECT count(*) FROM productos WHERE {WordsWhere(words)} AND $1 = $1";

    private static string WordsWhere(int words) =>
        "activo" + string.Concat(Enumerable.Range(0, words).Select(i => $" AND nombre ILIKE ${i + 2} ESCAPE '\\'"));

    private readonly NpgsqlConnection _conn;
    private readonly NpgsqlCommand _barcode;
    private readonly NpgsqlCommand _fuzzy;
    private readonly Dictionary<int, NpgsqlCommand> _words = [];

    private RawSql(NpgsqlConnection conn)
    {
        _conn = conn;
        _barcode = Command(BarcodeSql, 1);
        _fuzzy = Command(FuzzySql, 1);
    }

    public static async Task<RawSql> OpenAsync(string connectionString)
    {
        var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        // The app's fuzzy pass runs with this threshold (SET LOCAL per search); this connection is the floor's alone.
        await using (var set = new NpgsqlCommand($"SET pg_trgm.word_similarity_threshold = {ProductoSearch.FuzzyThreshold}", conn))
            await set.ExecuteNonQueryAsync();
        var raw = new RawSql(conn);
        await raw._barcode.PrepareAsync();
        await raw._fuzzy.PrepareAsync();
        return raw;
    }

    public async Task<int> BarcodeAsync(string code)
    {
        _barcode.Parameters[0].Value = code;
        return await ReadAllAsync(_barcode);
    }

    public async Task<int> WordsAsync(string q, bool broad)
    {
        var words = Words(q);
        var key = words.Length * 2 + (broad ? 1 : 0);
        if (!_words.TryGetValue(key, out var cmd))
        {
            cmd = Command(WordsSql(words.Length, broad), words.Length + 1);
            await cmd.PrepareAsync();
            _words[key] = cmd;
        }
        Bind(cmd, q, words);
        return await ReadAllAsync(cmd);
    }

    /// <summary>How many active names contain every word (not timed: it sorts the queries into their paths).</summary>
    public async Task<long> CountWordsAsync(string q)
    {
        var words = Words(q);
        await using var cmd = Command(CountWordsSql(words.Length), words.Length + 1);
        Bind(cmd, q, words);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static void Bind(NpgsqlCommand cmd, string q, string[] words)
    {
        cmd.Parameters[0].Value = q;
        for (var i = 0; i < words.Length; i++) cmd.Parameters[i + 1].Value = "%" + Escape(words[i]) + "%";
    }

    public async Task<int> FuzzyAsync(string q)
    {
        _fuzzy.Parameters[0].Value = q;
        return await ReadAllAsync(_fuzzy);
    }

    /// <summary>The names a query returns, in order (for the parity check against the app).</summary>
    public async Task<List<string>> NamesAsync(string q, SearchPath path)
    {
        var words = Words(q);
        var sql = path == SearchPath.Fuzzy ? FuzzySql : WordsSql(words.Length, path == SearchPath.BroadWords);
        await using var cmd = Command($"SELECT nombre FROM ({sql}) AS r", path == SearchPath.Fuzzy ? 1 : words.Length + 1);
        if (path == SearchPath.Fuzzy) cmd.Parameters[0].Value = q;
        else Bind(cmd, q, words);
        var names = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>Same splitting and escaping as ProductoSearch.</summary>
    public static string[] Words(string q) =>
        q.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8).ToArray();

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private NpgsqlCommand Command(string sql, int parameters)
    {
        var cmd = new NpgsqlCommand(sql, _conn);
        for (var i = 0; i < parameters; i++) cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
        return cmd;
    }

    private static async Task<int> ReadAllAsync(NpgsqlCommand cmd)
    {
        var rows = 0;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++) _ = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows++;
        }
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cmd in _words.Values) await cmd.DisposeAsync();
        await _barcode.DisposeAsync();
        await _fuzzy.DisposeAsync();
        await _conn.DisposeAsync();
    }
}
