using Microsoft.AspNetCore.Http;

namespace Appliance.Web.Api;

/// <summary>
/// Collects what is wrong with a submitted form, field by field, and answers with a
/// ValidationProblem (RFC 9457) whose title names the first bad field and whose
/// <c>errors</c> map each field name to its messages, so the page can show them beside the field.
/// </summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);
    private string? _first;

    public bool Any => _errors.Count > 0;

    /// <summary>The first bad field, or null.</summary>
    public string? FirstField => _first;

    /// <summary>Every field's messages in one line, "field: message; field: message".</summary>
    public string Summary => string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}"));

    /// <summary>True when <paramref name="field"/> has a message already.</summary>
    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        _first ??= field;
        _errors[field] = _errors.TryGetValue(field, out var earlier) ? [.. earlier, message] : [message];
    }

    /// <summary>Checks a required text and returns it trimmed ("" when missing).</summary>
    public string Required(string field, string? value, int maxLength = 100)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            Add(field, "is required");
        }
        else if (trimmed.Length > maxLength)
        {
            Add(field, $"is longer than {maxLength} characters");
        }

        return trimmed;
    }

    /// <param name="extensions">Further members of the problem document, such as a list the
    /// page shows as it is.</param>
    public IResult ToResult(IDictionary<string, object?>? extensions = null) =>
        Results.ValidationProblem(
            _errors,
            title: $"Invalid value for {_first}: {_errors[_first!][0]}",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: extensions);
}
