using System.Globalization;
using System.Xml.Linq;

namespace BlendPos.Tests.Fakes.Afip;

/// <summary>
/// FECAESolicitar with the rules of AFIP.md «Rules a faithful fake enforces». Header, Auth and numbering problems are
/// top-level Errors; a detail's rule violations are Observaciones on that detail with Resultado R (as AFIP answers).
/// </summary>
public sealed partial class FakeAfip
{
    /// <summary>FECAEDetRequest's element order (AFIP.md): an element out of this order is ignored, as a sequence-bound
    /// deserializer does, so a client that mixes the order sees its amounts read as zero.</summary>
    public static readonly string[] OrdenDetalle =
    [
        "Concepto", "DocTipo", "DocNro", "CbteDesde", "CbteHasta", "CbteFch", "ImpTotal", "ImpTotConc", "ImpNeto",
        "ImpOpEx", "ImpTrib", "ImpIVA", "FchServDesde", "FchServHasta", "FchVtoPago", "MonId", "MonCotiz",
        "CanMisMonExt", "CondicionIVAReceptorId", "CbtesAsoc", "Tributos", "Iva", "Opcionales", "Compradores",
        "PeriodoAsoc", "Actividades",
    ];

    private static readonly Dictionary<int, decimal> Alicuotas = new()
    {
        [3] = 0m, [4] = 0.105m, [5] = 0.21m, [6] = 0.27m, [8] = 0.05m, [9] = 0.025m,
    };

    private static readonly Dictionary<int, string> ClasesPorCondicion = new()
    {
        [1] = "AC", [4] = "BC", [5] = "BC", [6] = "AC", [7] = "BC", [13] = "AC", [15] = "BC", [16] = "AC",
    };

    private const decimal Tolerancia = 0.01m;

    private XElement Solicitar(XElement op, out bool autorizo)
    {
        autorizo = false;
        var req = op.Element(Fev1 + "FeCAEReq");
        var cab = req?.Element(Fev1 + "FeCabReq");
        var cantReg = Entero(cab?.Element(Fev1 + "CantReg"));
        var ptoVta = Entero(cab?.Element(Fev1 + "PtoVta"));
        var tipo = Entero(cab?.Element(Fev1 + "CbteTipo"));
        var detalles = req?.Element(Fev1 + "FeDetReq")?.Elements(Fev1 + "FECAEDetRequest").ToList() ?? [];
        lock (_gate) _detallesRecibidos.AddRange(detalles.Select(d => new XElement(d)));
        var result = new XElement(Fev1 + "FECAESolicitarResult");

        if (Auth(op, out var cuit) is { } authError)
        {
            result.Add(Errores([authError]));
            return result;
        }
        var errores = new List<(int, string)>();
        if (cantReg < 1 || cantReg > 250)
            errores.Add((10001, "El campo CantReg debe estar comprendido entre 1 y 250."));
        else if (cantReg != detalles.Count)
            errores.Add((10002, "La cantidad de registros (CantReg) no coincide con la cantidad de comprobantes informados en FeDetReq."));
        if (ptoVta < 1 || ptoVta > 99998)
            errores.Add((10004, "El campo PtoVta debe estar comprendido entre 1 y 99998."));
        else if (Leer(() => _puntosDeVenta is { } habilitados && !habilitados.Contains(ptoVta)))
            errores.Add((10005, $"El punto de venta {ptoVta} no se encuentra habilitado a usar en el presente WS."));
        if (!TiposValidos.Contains(tipo))
            errores.Add((10006, "El campo CbteTipo no es un tipo de comprobante valido."));

        var cabResp = new XElement(Fev1 + "FeCabResp", E("Cuit", cuit), E("PtoVta", ptoVta), E("CbteTipo", tipo),
            E("FchProceso", Reloj.GetUtcNow().ToOffset(TimeSpan.FromHours(-3)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)),
            E("CantReg", cantReg));
        var detResp = new XElement(Fev1 + "FeDetResp");
        var resultados = new List<string>();
        foreach (var xml in detalles)
        {
            var d = LeerDetalle(xml);
            var obs = new List<(int, string)>();
            string resultado;
            string cae = "", vto = "";
            if (errores.Count > 0)
                resultado = "R";
            else
            {
                Validar(d, tipo, obs, out var rechazo);
                lock (_gate)
                {
                    var numeracion = rechazo ? null : ValidarNumeracion(cuit, ptoVta, tipo, d);
                    if (numeracion is { } n) errores.Add(n);
                    if (rechazo || numeracion is not null)
                        resultado = "R";
                    else
                    {
                        resultado = "A";
                        cae = (_siguienteCae++).ToString(CultureInfo.InvariantCulture);
                        var vence = d.Fecha!.Value.AddDays(10);
                        vto = vence.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
                        _autorizados.Add(new FakeComprobanteAutorizado(cuit, ptoVta, tipo, d.Desde, d.Concepto, d.DocTipo,
                            d.DocNro, d.Fecha.Value, d.ImpTotal, d.ImpTotConc, d.ImpNeto, d.ImpOpEx, d.ImpTrib, d.ImpIva,
                            d.MonId, d.MonCotiz, d.CondicionIvaReceptorId, d.Iva, d.Asociados, cae, vence, Reloj.GetUtcNow()));
                        autorizo = true;
                    }
                }
            }
            resultados.Add(resultado);
            var det = new XElement(Fev1 + "FECAEDetResponse", E("Concepto", d.Concepto), E("DocTipo", d.DocTipo),
                E("DocNro", d.DocNro), E("CbteDesde", d.Desde), E("CbteHasta", d.Hasta), E("CbteFch", d.FechaTexto),
                E("Resultado", resultado));
            if (obs.Count > 0)
                det.Add(new XElement(Fev1 + "Observaciones", obs.Select(o => new XElement(Fev1 + "Obs",
                    E("Code", o.Item1), E("Msg", o.Item2)))));
            det.Add(E("CAE", cae), E("CAEFchVto", vto));
            detResp.Add(det);
        }
        var general = resultados.Count > 0 && resultados.All(r => r == "A") ? "A"
            : resultados.Any(r => r == "A") ? "P" : "R";
        cabResp.Add(E("Resultado", general), E("Reproceso", "N"));
        result.Add(cabResp, detResp);
        if (errores.Count > 0) result.Add(Errores(errores));
        return result;
    }

    /// <summary>10016 when the number is not the next or the date goes back; call under _gate.</summary>
    private (int, string)? ValidarNumeracion(long cuit, int ptoVta, int tipo, Detalle d)
    {
        var ultimo = Ultimo(cuit, ptoVta, tipo);
        var siguiente = (ultimo?.Numero ?? 0) + 1;
        if (d.Desde != siguiente || d.Hasta != d.Desde || (ultimo is not null && d.Fecha < ultimo.Fecha))
            return (10016, "El numero o fecha del comprobante no se corresponde con el proximo a autorizar. " +
                           "Consultar metodo FECompUltimoAutorizado.");
        return null;
    }

    private void Validar(Detalle d, int tipo, List<(int, string)> obs, out bool rechazo)
    {
        var clase = tipo switch { 1 or 2 or 3 => 'A', 6 or 7 or 8 => 'B', _ => 'C' };
        var rechazos = new List<(int, string)>();
        void R(int code, string msg) => rechazos.Add((code, msg));

        var hoy = HoyArgentina;
        if (d.Fecha is not { } fecha)
            R(10016, "El campo CbteFch debe informarse con formato yyyymmdd.");
        else
        {
            if (d.Concepto == 1 && (fecha < hoy.AddDays(-5) || fecha > hoy.AddDays(5)))
                R(10016, "Para Concepto 1 (productos) la fecha del comprobante debe estar comprendida entre N-5 y N+5, siendo N la fecha de envio.");
            else if (fecha > hoy && (fecha.Month != hoy.Month || fecha.Year != hoy.Year))
                R(10152, "Si la fecha del comprobante es posterior a la fecha de envio debe pertenecer al mismo mes.");
        }

        var suma = d.ImpTotConc + d.ImpNeto + d.ImpOpEx + d.ImpTrib + d.ImpIva;
        if (Math.Abs(d.ImpTotal - suma) > Tolerancia)
            R(10048, "El campo 'Importe Total' ImpTotal, debe ser igual a la suma de ImpTotConc + ImpNeto + ImpOpEx + ImpTrib + ImpIVA.");
        if (d.MonId == "PES" && d.MonCotiz != 1m)
            R(10039, "Si el campo MonId es PES, el campo MonCotiz debe ser igual a 1.");

        if (clase == 'C')
        {
            if (d.TieneIva) R(10071, "Para comprobantes tipo C el objeto IVA no debe informarse.");
            if (d.ImpIva != 0m) R(10071, "Para comprobantes tipo C el campo ImpIVA debe ser igual a 0.");
            if (d.ImpTotConc != 0m) R(10071, "Para comprobantes tipo C el campo ImpTotConc debe ser igual a 0.");
            if (d.ImpOpEx != 0m) R(10071, "Para comprobantes tipo C el campo ImpOpEx debe ser igual a 0.");
        }
        else
        {
            if (d.ImpIva > 0m && !d.TieneIva)
                R(10018, "Si ImpIVA es mayor a 0 el objeto IVA es obligatorio.");
            if (d.ImpNeto > 0m && !d.TieneIva)
                R(10070, "Si ImpNeto es mayor a 0 el objeto IVA es obligatorio.");
            if (d.Iva.GroupBy(i => i.Id).Any(g => g.Count() > 1))
                R(10022, "No se puede repetir el mismo Id de IVA en el objeto AlicIva.");
            if (d.TieneIva)
            {
                if (Math.Abs(d.Iva.Sum(i => i.Importe) - d.ImpIva) > Tolerancia)
                    R(10023, "La suma de los campos Importe del objeto AlicIva debe ser igual al valor ingresado en ImpIVA.");
                if (Math.Abs(d.Iva.Sum(i => i.BaseImp) - d.ImpNeto) > Tolerancia)
                    R(10061, "La suma de los campos BaseImp del objeto AlicIva debe ser igual al valor ingresado en ImpNeto.");
                foreach (var i in d.Iva)
                {
                    if (!Alicuotas.TryGetValue(i.Id, out var tasa))
                        R(10019, $"El Id de IVA {i.Id} no es valido (consultar FEParamGetTiposIva).");
                    else if (Math.Abs(Math.Round(i.BaseImp * tasa, 2, MidpointRounding.AwayFromZero) - i.Importe) > Tolerancia)
                        R(10051, $"El campo Importe del objeto AlicIva Id {i.Id} no se corresponde con BaseImp por la alicuota.");
                }
            }
        }

        if (clase == 'A' && d.DocTipo != 80)
            R(10013, "Para comprobantes clase A el campo DocTipo debe ser 80 (CUIT).");
        if (clase == 'B' && d.DocTipo == 99 && d.ImpTotal >= Leer(() => _umbral))
            R(10015, "Para comprobantes clase B con ImpTotal mayor o igual al monto limite, el receptor debe identificarse (DocTipo 99 no permitido).");

        if (d.CondicionIvaReceptorId is not { } condicion)
        {
            if (Leer(() => _condicionObligatoria))
                R(10246, "El campo CondicionIVAReceptorId es obligatorio.");
            else
                obs.Add((10245, "El campo CondicionIVAReceptorId es obligatorio a partir de la fecha de vigencia de la RG 5616."));
        }
        else if (!ClasesPorCondicion.TryGetValue(condicion, out var clases))
            R(10242, "El campo CondicionIVAReceptorId no es valido (consultar FEParamGetCondicionIvaReceptor).");
        else if (!clases.Contains(clase))
            R(10243, $"El campo CondicionIVAReceptorId {condicion} no es valido para comprobantes clase {clase}.");

        obs.AddRange(rechazos);
        rechazo = rechazos.Count > 0;
    }

    private sealed record Detalle(
        int Concepto, int DocTipo, long DocNro, long Desde, long Hasta, string FechaTexto, DateOnly? Fecha,
        decimal ImpTotal, decimal ImpTotConc, decimal ImpNeto, decimal ImpOpEx, decimal ImpTrib, decimal ImpIva,
        string MonId, decimal MonCotiz, int? CondicionIvaReceptorId, bool TieneIva, IReadOnlyList<FakeAlicuota> Iva,
        IReadOnlyList<FakeAsociado> Asociados);

    /// <summary>Reads a FECAEDetRequest keeping only the elements that come in <see cref="OrdenDetalle"/>.</summary>
    private static Detalle LeerDetalle(XElement xml)
    {
        var campos = new Dictionary<string, XElement>(StringComparer.Ordinal);
        var posicion = -1;
        foreach (var e in xml.Elements())
        {
            var i = e.Name.Namespace == Fev1 ? Array.IndexOf(OrdenDetalle, e.Name.LocalName) : -1;
            if (i <= posicion) continue; // unknown, repeated or out of order: not read
            posicion = i;
            campos[e.Name.LocalName] = e;
        }
        XElement? C(string n) => campos.GetValueOrDefault(n);
        var fechaTexto = C("CbteFch")?.Value.Trim() ?? "";
        DateOnly? fecha = DateOnly.TryParseExact(fechaTexto, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : null;
        var iva = C("Iva")?.Elements(Fev1 + "AlicIva").Select(a => new FakeAlicuota(Entero(a.Element(Fev1 + "Id")),
            Decimal(a.Element(Fev1 + "BaseImp")), Decimal(a.Element(Fev1 + "Importe")))).ToList() ?? [];
        var asociados = C("CbtesAsoc")?.Elements(Fev1 + "CbteAsoc").Select(a => new FakeAsociado(Entero(a.Element(Fev1 + "Tipo")),
            Entero(a.Element(Fev1 + "PtoVta")), (long)Decimal(a.Element(Fev1 + "Nro")),
            a.Element(Fev1 + "Cuit") is { } cuit ? (long)Decimal(cuit) : null,
            DateOnly.TryParseExact(a.Element(Fev1 + "CbteFch")?.Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var af) ? af : null)).ToList() ?? [];
        return new Detalle(Entero(C("Concepto")), Entero(C("DocTipo")), (long)Decimal(C("DocNro")), (long)Decimal(C("CbteDesde")),
            (long)Decimal(C("CbteHasta")), fechaTexto, fecha, Decimal(C("ImpTotal")), Decimal(C("ImpTotConc")), Decimal(C("ImpNeto")),
            Decimal(C("ImpOpEx")), Decimal(C("ImpTrib")), Decimal(C("ImpIVA")), C("MonId")?.Value.Trim() ?? "",
            C("MonCotiz") is { } cot ? Decimal(cot) : 0m,
            C("CondicionIVAReceptorId") is { } cond ? Entero(cond) : null, C("Iva") is not null, iva, asociados);
    }
}
