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
/// GSM modules are keys <c>Pstn:Gsm:N:Field</c> (see <see cref="GsmModuleCheck"/>); a SIM PIN is
/// taken but never given back, only whether one is set.
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
        gsm = GsmModules(store, running),
    };

    // Every module the box runs or has saved settings for, each field with its running and saved
    // value; the PIN as "set" or "not set" only.
    private static IEnumerable<object> GsmModules(WebStore store, IReadOnlyDictionary<string, string> running)
    {
        var saved = store.SettingsStartingWith("Pstn:Gsm:");
        var modules = running.Keys.Concat(saved.Keys)
            .Select(k => GsmModuleCheck.TryParse(k, out var m, out _) ? m : -1)
            .Where(m => m >= 0)
            .Distinct()
            .Order();
        return modules.Select(module => new
        {
            module,
            settings = GsmModuleCheck.Fields.Select(field =>
            {
                var key = GsmModuleCheck.Key(module, field);
                var run = running.GetValueOrDefault(key);
                var keep = saved.GetValueOrDefault(key);
                return field == "Pin"
                    ? new { field, key, running = (string?)(run is { Length: > 0 } ? "set" : "not set"), saved = keep is null ? null : "set" }
                    : new { field, key, running = run, saved = keep };
            }),
        });
    }

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
            if (!PstnSettingsCheck.Keys.Contains(property.Name) && !GsmModuleCheck.TryParse(property.Name, out _, out _))
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
        GsmModuleCheck.Check(errors, GsmEffective(form, store, running), GsmPinsGiven(form));
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
            string.Join("; ", form.Select(f => $"{f.Key}={Audited(f.Key, f.Value)}")));
        return Results.Ok(Describe(store, running));
    }

    // A PIN is audited as set, never written into the log.
    private static string Audited(string key, string value) =>
        value.Length == 0 ? "(as configured)"
        : GsmModuleCheck.TryParse(key, out _, out var field) && field == "Pin" ? "(set)"
        : value;

    private static HashSet<int> GsmPinsGiven(Dictionary<string, string> form) =>
        form.Where(f => f.Value.Length > 0 && GsmModuleCheck.TryParse(f.Key, out _, out var field) && field == "Pin")
            .Select(f => GsmModuleCheck.TryParse(f.Key, out var module, out _) ? module : -1)
            .ToHashSet();

    // The modules as the next start will read them: the form's value, else the saved one, else
    // the running one (an empty form value drops the saved one).
    private static Dictionary<string, string> GsmEffective(
        Dictionary<string, string> form,
        WebStore store,
        IReadOnlyDictionary<string, string> running)
    {
        var saved = store.SettingsStartingWith("Pstn:Gsm:");
        var keys = running.Keys.Concat(saved.Keys).Concat(form.Keys)
            .Where(k => GsmModuleCheck.TryParse(k, out _, out _))
            .Distinct(StringComparer.Ordinal);
        return keys.ToDictionary(
            k => k,
            k => form.TryGetValue(k, out var given) && given.Length > 0 ? given
                : !form.ContainsKey(k) && saved.TryGetValue(k, out var kept) ? kept
                : running.GetValueOrDefault(k, ""),
            StringComparer.Ordinal);
    }
}
