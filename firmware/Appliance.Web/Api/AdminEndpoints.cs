using System.Security.Cryptography;
using System.Text.Json;
using Appliance.Storage.Rows;
using Appliance.Storage.Web;
using Appliance.Web.Admin;
using Appliance.Web.Calendar;
using Appliance.Web.Flows;
using Appliance.Web.Hosting;
using Appliance.Web.Live;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The admin pages' API: extensions, users, API tokens, the audit log and the configuration
/// backup (the HTTPS certificate is in <c>CertificateEndpoints</c>). Every change is audited; every refusal names its field.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(Roles.AdminPolicy).WithTags("Admin");

        admin.MapGet("/extensions", (WebStore store) =>
        {
            var withPin = store.MailboxesWithPin();
            return Results.Ok(store.Extensions().Select(e => new
            {
                e.Number,
                e.DisplayName,
                MailboxPin = withPin.Contains(e.Number) ? "set" : "none",
                Language = e.Language ?? string.Empty,
            }));
        });
        admin.MapGet("/prompt-languages", (PromptSets sets) => Results.Ok(sets));
        admin.MapPost("/extensions", SaveExtension).AddEndpointFilter<CsrfFilter>();
        admin.MapPost("/mailboxes", SaveMailboxPin).AddEndpointFilter<CsrfFilter>();

        admin.MapGet("/users", (WebStore store) =>
            Results.Ok(store.Users().Select(u => new { u.Name, u.Role, u.AgentId, u.LoopbackOnly })));
        admin.MapPost("/users", SaveUser).AddEndpointFilter<CsrfFilter>();
        admin.MapDelete("/users/{name}", DeleteUser).AddEndpointFilter<CsrfFilter>();

        admin.MapGet("/tokens", (WebStore store) =>
            Results.Ok(store.Tokens().Select(t => new { t.Name, t.Role, t.CreatedUtc })));
        admin.MapPost("/tokens", CreateToken).AddEndpointFilter<CsrfFilter>();
        admin.MapDelete("/tokens/{name}", DeleteToken).AddEndpointFilter<CsrfFilter>();

        admin.MapGet("/audit", (WebStore store) => Results.Ok(store.RecentAudit(200)));

        admin.MapGet("/backup", (WebStore store) => Results.File(
            JsonSerializer.SerializeToUtf8Bytes(store.Export(), JsonOptions.Indented),
            "application/json",
            "sparklecc-configuration.json"));
        admin.MapPost("/restore", RestoreAsync).AddEndpointFilter<CsrfFilter>();
    }

    private static IResult SaveExtension(
        HttpContext http,
        ExtensionRequest form,
        WebStore store,
        PromptSets sets,
        AuditTrail audit)
    {
        var errors = new FieldErrors();
        var number = errors.Required("number", form.Number, 6);
        Validators.Extension(errors, "number", number);
        var password = form.Password?.Trim() ?? string.Empty;
        Validators.SipPassword(errors, "password", password);
        var display = form.DisplayName?.Trim();
        if (display is { Length: > 60 })
        {
            errors.Add("displayName", "is longer than 60 characters");
        }

        var language = form.Language?.Trim().ToLowerInvariant();
        if (language is { Length: > 0 } && !sets.Languages.Contains(language, StringComparer.Ordinal))
        {
            var known = string.Join(", ", sets.Languages);
            errors.Add(
                "language",
                $"'{form.Language!.Trim()}' is not a prompt set of this box ({known}); "
                    + $"leave it empty for the box's ({sets.BoxLanguage})");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        // The form does not carry the remote agent's number, so a save keeps it; the language
        // is kept too when the request leaves it out (an API client that predates it).
        var stored = store.Extensions().FirstOrDefault(e => e.Number == number);
        var saved = new ExtensionRow
        {
            Number = number,
            Password = password,
            DisplayName = display,
            ExternalNumber = stored?.ExternalNumber,
            Language = language is null ? stored?.Language : language.Length == 0 ? null : language,
        };
        store.SaveExtension(saved);
        var heard = saved.Language ?? $"the box's ({sets.BoxLanguage})";
        audit.Record(http, "extension.saved", $"extension {number} ({display}), prompts {heard}");
        return Results.Ok(new { number, displayName = display, language = saved.Language ?? string.Empty });
    }

    // The PIN *98 asks for (docs/acd.md "Voicemail"); an empty one clears it, which closes the
    // mailbox to *98. The audit names the mailbox, never the PIN.
    private static IResult SaveMailboxPin(
        HttpContext http,
        MailboxPinRequest form,
        WebStore store,
        AuditTrail audit)
    {
        var errors = new FieldErrors();
        var number = errors.Required("number", form.Number, 6);
        Validators.Extension(errors, "number", number);
        if (!errors.Any && store.Extensions().All(e => e.Number != number))
        {
            errors.Add("number", $"there is no extension {number}");
        }

        var pin = form.Pin?.Trim() ?? string.Empty;
        if (pin.Length > 0 && (pin.Length is < 4 or > 12 || !pin.All(char.IsAsciiDigit)))
        {
            errors.Add("pin", "must be 4 to 12 digits (empty to clear it)");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        store.SetMailboxPin(number, pin);
        audit.Record(http, "mailbox.pin", $"mailbox {number}: PIN {(pin.Length > 0 ? "set" : "cleared")}");
        return Results.Ok(new { number, mailboxPin = pin.Length > 0 ? "set" : "none" });
    }

    private static IResult SaveUser(
        HttpContext http,
        UserRequest form,
        WebStore store,
        AccountService accounts,
        AuditTrail audit)
    {
        var errors = new FieldErrors();
        var name = errors.Required("name", form.Name, 40);
        Validators.Name(errors, "name", name);
        var role = errors.Required("role", form.Role, 20);
        if (role.Length > 0 && !Roles.IsKnown(role))
        {
            errors.Add("role", $"'{role}' is not admin, supervisor or agent");
        }

        var password = form.Password ?? string.Empty;
        if (password.Length < AccountService.MinPasswordLength)
        {
            errors.Add("password", $"must be at least {AccountService.MinPasswordLength} characters");
        }

        var agent = string.IsNullOrWhiteSpace(form.AgentId) ? null : form.AgentId.Trim();
        if (role == Roles.Agent && agent is null)
        {
            errors.Add("agentId", "is required for an agent: the extension the agent works at");
        }
        else if (agent is not null && role == Roles.Agent)
        {
            Validators.Extension(errors, "agentId", agent);
            if (!errors.Has("agentId") && store.Extensions().All(e => e.Number != agent))
            {
                errors.Add("agentId", $"'{agent}' is not an extension of this box: add the extension first");
            }
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        // A new stamp ends the user's open sessions: they log in again with the new role or password.
        var user = new UserRow
        {
            Name = name,
            Role = role,
            AgentId = role == Roles.Agent ? agent : null,
            SecurityStamp = AccountService.NewStamp(),
        };
        user.PasswordHash = accounts.Hash(user, password);
        var change = store.SaveUserKeepingAnAdmin(user);
        if (change == UserChange.LastAdmin)
        {
            errors.Add("role", $"{name} is the last admin: make another user admin first");
            return errors.ToResult();
        }

        var added = change == UserChange.Added;
        audit.Record(http, added ? "user.added" : "user.changed", $"user {name} as {role}");
        return Results.Ok(new { name, role, agentId = user.AgentId, added });
    }

    private static IResult DeleteUser(HttpContext http, string name, WebStore store, AuditTrail audit)
    {
        var errors = new FieldErrors();
        if (string.Equals(name, http.User.Identity?.Name, StringComparison.Ordinal))
        {
            errors.Add("name", "you cannot remove yourself: ask another admin");
            return errors.ToResult();
        }

        switch (store.DeleteUserKeepingAnAdmin(name))
        {
            case UserChange.NotFound:
                return Results.Problem(title: $"No user named {name}", statusCode: StatusCodes.Status404NotFound);
            case UserChange.LastAdmin:
                errors.Add("name", $"{name} is the last admin: make another user admin first");
                return errors.ToResult();
            default:
                // The user's sessions end with the row: the cookie check finds no user.
                audit.Record(http, "user.deleted", $"user {name}");
                return Results.NoContent();
        }
    }

    private static IResult DeleteToken(HttpContext http, string name, WebStore store, AuditTrail audit)
    {
        if (!store.DeleteToken(name))
        {
            return Results.Problem(title: $"No API token named {name}", statusCode: StatusCodes.Status404NotFound);
        }

        audit.Record(http, "token.revoked", $"API token {name}");
        return Results.NoContent();
    }

    private static IResult CreateToken(
        HttpContext http,
        TokenRequest form,
        WebStore store,
        AuditTrail audit,
        TimeProvider time)
    {
        var errors = new FieldErrors();
        var name = errors.Required("name", form.Name, 40);
        Validators.Name(errors, "name", name);
        var role = form.Role?.Trim() ?? Roles.Supervisor;
        if (role is not (Roles.Supervisor or Roles.Admin))
        {
            errors.Add("role", $"'{role}' is not supervisor or admin");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var added = store.TryAddToken(new ApiTokenRow
        {
            Name = name,
            Role = role,
            TokenHash = ApiTokenHandler.HashOf(token),
            CreatedUtc = time.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });
        if (!added)
        {
            // Replacing would silently cut off the integration that uses the old token.
            errors.Add("name", $"a token named {name} exists: revoke it first or choose another name");
            return errors.ToResult();
        }

        audit.Record(http, "token.created", $"API token {name} as {role}");
        return Results.Ok(new { name, role, token });
    }

    private static async Task<IResult> RestoreAsync(
        HttpContext http,
        WebStore store,
        AuditTrail audit,
        IRoutingConfiguration routing,
        ICalendarConfiguration calendar,
        IFlowEditor flows)
    {
        ConfigurationBackup? backup;
        try
        {
            backup = await JsonSerializer.DeserializeAsync<ConfigurationBackup>(
                http.Request.Body, JsonOptions.Indented, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            var errors = new FieldErrors();
            // The parser's own message names .NET types; say where in the file it went wrong.
            errors.Add("file", $"is not a SparkleCC backup: the value at {ex.Path ?? "$"} (line "
                + $"{(ex.LineNumber ?? 0) + 1}) is not of the kind a backup holds there");
            return errors.ToResult();
        }

        backup ??= new ConfigurationBackup();
        var refused = BackupCheck.Check(backup);
        if (refused.Any)
        {
            return refused.ToResult();
        }

        string? problem;
        try
        {
            problem = new ConfigurationRestore(store, routing, calendar, flows).Restore(backup);
        }
        catch (InvalidDataException ex)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            var errors = new FieldErrors();
            errors.Add("file", problem);
            return errors.ToResult();
        }

        audit.Record(
            http,
            "configuration.restored",
            $"{backup.Extensions.Count} extensions, {backup.Queues.Count} queues, {backup.Flows.Count} flows, "
            + $"{backup.Schedules.Count} schedules, {backup.Dispositions.Count} disposition codes");
        return Results.Ok(new { restored = true });
    }
}
