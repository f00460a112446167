using System.Text.Json;
using Appliance.Storage.Web;
using Appliance.Web.Api;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Admin;

/// <summary>
/// The PSTN trunk page's API: for each <c>Pstn:*</c> key the page edits, the value the service
/// runs with and the one saved in table <c>Setting</c>, which the service lays over its
/// configuration at the next start (none of them applies live: the gateway is built at start).
/// </summary>
internal static class PstnEndpoints
{
    public static void Map(IEndpointRouteBuilder app, IReadOnlyDictionary<string, string> running)
    {
        var admin = app.MapGroup("/api/admin/pstn").RequireAuthorization(Roles.AdminPolicy).WithTags("Admin");
        admin.MapGet("", (WebStore store) => Results.Ok(Describe(store, running)))
            .WithSummary("The PSTN settings: running, saved for the next start");
        admin.MapPost("", (HttpContext http, JsonElement form, WebStore store, AuditTrail audit) =>
                Save(http, form, store, audit, running))
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Saves PSTN settings for the next start; an empty value drops the saved one");
    }

    private static object Describe(WebStore store, IReadOnlyDictionary<string, string> running) => new
    {
        card = running.GetValueOrDefault("Pstn:Card", ""),
        appliesAt = "restart",
        settings = PstnSettingsCheck.Keys.Select(key => new
        {
            key,
            running = running.GetValueOrDefault(key),
            saved = store.GetSetting(key) is { Length: > 0 } saved ? saved : null,
        }),
    };

    private static IResult Save(
        HttpContext http,
        JsonElement body,
        WebStore store,
        AuditTrail audit,
        IReadOnlyDictionary<string, string> running)
    {
        var errors = new FieldErrors();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("Pstn:Groups", "the form is not a JSON object of keys and values");
            return errors.ToResult();
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (!PstnSettingsCheck.Keys.Contains(property.Name))
            {
                errors.Add(property.Name, "is not a PSTN setting this page edits");
                continue;
            }

            form[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!.Trim()
                : property.Value.ToString().Trim();
        }

        // The check sees the whole configuration as it will start: saved or running where the
        // form leaves a key out, so a route may name a group saved earlier.
        var effective = PstnSettingsCheck.Keys.ToDictionary(
            k => k,
            k => form.TryGetValue(k, out var given)
                ? (given.Length > 0 ? given : running.GetValueOrDefault(k, ""))
                : store.GetSetting(k) is { Length: > 0 } saved ? saved : running.GetValueOrDefault(k, ""),
            StringComparer.Ordinal);
        PstnSettingsCheck.Check(errors, effective);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        foreach (var (key, value) in form)
        {
            store.SetSetting(key, value);
        }

        audit.Record(
            http,
            "pstn.saved",
            string.Join("; ", form.Select(f => $"{f.Key}={(f.Value.Length == 0 ? "(as configured)" : f.Value)}")));
        return Results.Ok(Describe(store, running));
    }
}
