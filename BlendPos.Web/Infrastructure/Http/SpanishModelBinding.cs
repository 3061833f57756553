using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace BlendPos.Web.Infrastructure.Http;

/// <summary>
/// Model binding speaks es-AR on every page: MVC's default messages («The value '15.000' is not valid for
/// PuntoDeVenta») are replaced once, here, and whole numbers get their own binder that says what is wrong with
/// «2,5» or «15.000». Messages name no field: they are shown under the field they belong to.
/// </summary>
public static class SpanishModelBinding
{
    public const string ValorInvalido = "El valor «{0}» no es válido.";
    public const string EnteroInvalido = "«{0}» no es un número entero: escribilo sin puntos ni comas.";
    public const string EnteroGrande = "«{0}» es un número demasiado grande.";

    public static MvcOptions UseSpanishModelBinding(this MvcOptions o)
    {
        var m = o.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, _) => string.Format(CultureInfo.InvariantCulture, ValorInvalido, value));
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => string.Format(CultureInfo.InvariantCulture, ValorInvalido, value));
        m.SetValueIsInvalidAccessor(value => string.Format(CultureInfo.InvariantCulture, ValorInvalido, value));
        m.SetUnknownValueIsInvalidAccessor(_ => "El valor ingresado no es válido.");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "El valor ingresado no es válido.");
        m.SetValueMustBeANumberAccessor(_ => "Ingresá un número.");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "Ingresá un número.");
        m.SetValueMustNotBeNullAccessor(_ => "Completá este dato.");
        m.SetMissingBindRequiredValueAccessor(_ => "Falta un dato obligatorio.");
        m.SetMissingKeyOrValueAccessor(() => "Falta un dato obligatorio.");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "Faltan los datos del formulario.");
        // A non-nullable string would get an implicit [Required] whose message is English («The X field is required.»);
        // required fields are the services' rules, with their own Spanish words.
        o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        o.ModelBinderProviders.Insert(0, new EnteroBinderProvider());
        o.ModelBinderProviders.Insert(0, new CasillaBinderProvider());
        return o;
    }

    /// <summary>
    /// bool on pages (checkboxes): «true»/«false» as the browser sends them. Anything else is refused WITHOUT keeping the
    /// raw text in ModelState: the checkbox tag helper re-rendering the form would otherwise throw parsing it (a 500).
    /// </summary>
    private sealed class CasillaBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            (Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType) == typeof(bool) ? new CasillaBinder() : null;
    }

    private sealed class CasillaBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext ctx)
        {
            var result = ctx.ValueProvider.GetValue(ctx.ModelName);
            if (result == ValueProviderResult.None) return Task.CompletedTask;
            var text = result.FirstValue?.Trim();
            if (string.IsNullOrEmpty(text) && ctx.ModelMetadata.IsReferenceOrNullableType)
                ctx.Result = ModelBindingResult.Success(null);
            else if (bool.TryParse(text, out var value))
            {
                ctx.ModelState.SetModelValue(ctx.ModelName, result);
                ctx.Result = ModelBindingResult.Success(value);
            }
            else ctx.ModelState.TryAddModelError(ctx.ModelName, "Marcá o desmarcá la casilla.");
            return Task.CompletedTask;
        }
    }

    /// <summary>int, long and short (nullable or not) on pages: digits with an optional sign, nothing else.</summary>
    private sealed class EnteroBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
            return type == typeof(int) || type == typeof(long) || type == typeof(short) ? new EnteroBinder(type) : null;
        }
    }

    private sealed class EnteroBinder(Type type) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext ctx)
        {
            var result = ctx.ValueProvider.GetValue(ctx.ModelName);
            if (result == ValueProviderResult.None) return Task.CompletedTask;
            ctx.ModelState.SetModelValue(ctx.ModelName, result);
            var raw = result.FirstValue;
            var text = raw?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (ctx.ModelMetadata.IsReferenceOrNullableType) ctx.Result = ModelBindingResult.Success(null);
                else ctx.ModelState.TryAddModelError(ctx.ModelName, ctx.ModelMetadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(raw ?? ""));
                return Task.CompletedTask;
            }
            if (!Entero(text)) return Fail(ctx, EnteroInvalido, text);
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return Fail(ctx, EnteroGrande, text);
            object? value = type == typeof(long) ? n
                : type == typeof(int) && n is >= int.MinValue and <= int.MaxValue ? (int)n
                : type == typeof(short) && n is >= short.MinValue and <= short.MaxValue ? (short)n
                : null;
            if (value is null) return Fail(ctx, EnteroGrande, text);
            ctx.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }

        private static bool Entero(string text)
        {
            var digits = text[0] is '-' or '+' ? text.AsSpan(1) : text.AsSpan();
            return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
        }

        private static Task Fail(ModelBindingContext ctx, string format, string text)
        {
            ctx.ModelState.TryAddModelError(ctx.ModelName, string.Format(CultureInfo.InvariantCulture, format, text));
            return Task.CompletedTask;
        }
    }
}
