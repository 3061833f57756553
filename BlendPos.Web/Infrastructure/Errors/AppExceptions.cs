namespace BlendPos.Web.Infrastructure.Errors;

/// <summary>
/// A refusal a service makes on purpose. The /v1 adapter turns it into problem+json with <see cref="Status"/>;
/// a page shows <see cref="Detail"/> (always Spanish, safe to show to the user).
/// </summary>
public abstract class AppException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string Detail { get; } = detail;
}

/// <summary>400: the input breaks a rule; <see cref="Errors"/> is keyed by the request's snake_case field names.</summary>
public sealed class ValidationException(IDictionary<string, string[]> errors, string? detail = null)
    : AppException(400, "Datos inválidos", detail ?? "Revisá los datos marcados.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public ValidationException(string field, string message) : this(new Dictionary<string, string[]> { [field] = [message] }, message) { }
}

/// <summary>404: the id does not exist (or the caller may not know it does).</summary>
public sealed class NotFoundException(string detail) : AppException(404, "No encontrado", detail);

/// <summary>409: the request is well-formed but conflicts with the current state (duplicate, closed session…).</summary>
public sealed class ConflictException(string detail) : AppException(409, "Conflicto", detail);

/// <summary>403: authenticated, but this user may not do this to this resource.</summary>
public sealed class ForbiddenException(string detail) : AppException(403, "Acceso denegado", detail);

/// <summary>429: too many attempts.</summary>
public sealed class TooManyRequestsException(string detail) : AppException(429, "Demasiados intentos", detail);

/// <summary>401: bad credentials or token.</summary>
public sealed class UnauthorizedException(string detail) : AppException(401, "No autorizado", detail);

/// <summary>Collects field errors and throws one <see cref="ValidationException"/> with all of them.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validator When(bool condition, string field, string message) => condition ? Add(field, message) : this;

    public bool HasErrors => _errors.Count > 0;

    public void ThrowIfAny()
    {
        if (!HasErrors) return;
        var errors = _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        var detail = errors.Count == 1 ? errors.First().Value[0] : "Revisá los datos marcados.";
        throw new ValidationException(errors, detail);
    }
}
