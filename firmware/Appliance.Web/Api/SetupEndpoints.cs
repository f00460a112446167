using Appliance.Storage.Rows;
using Appliance.Storage.Web;
using Appliance.Web.Calendar;
using Appliance.Web.Live;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The first-boot wizard: until it has run, anyone who reaches the box may run it once; it sets
/// the admin password and the first routing configuration in one go, stores that setup is done
/// and logs the new admin in. Afterwards it answers 409 forever, whatever happens to the users.
/// </summary>
internal static class SetupEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/setup", (WebStore store) => Results.Ok(new { done = store.IsSetupDone }))
            .ExcludeFromDescription();
        app.MapPost("/api/setup", SetupAsync).AddEndpointFilter<CsrfFilter>().ExcludeFromDescription();
    }

    private static async Task<IResult> SetupAsync(
        HttpContext http,
        SetupRequest form,
        WebStore store,
        AccountService accounts,
        AuditTrail audit,
        IRoutingConfiguration routing,
        ICalendarConfiguration calendar)
    {
        if (store.IsSetupDone)
        {
            return Results.Problem(title: "Setup is already done", statusCode: StatusCodes.Status409Conflict);
        }

        var errors = new FieldErrors();
        var password = form.AdminPassword ?? string.Empty;
        if (password.Length < AccountService.MinPasswordLength)
        {
            errors.Add("adminPassword", $"must be at least {AccountService.MinPasswordLength} characters");
        }
        else if (password != form.AdminPasswordRepeat)
        {
            errors.Add("adminPasswordRepeat", "does not match the password");
        }

        var zone = errors.Required("timeZone", form.TimeZone);
        Validators.TimeZone(errors, "timeZone", zone);
        var trunk = errors.Required("trunkName", form.TrunkName, 40);
        Validators.Name(errors, "trunkName", trunk);
        var trunkAddress = errors.Required("trunkAddress", form.TrunkAddress, 45);
        Validators.Address(errors, "trunkAddress", trunkAddress);
        var numbers = (form.Extensions ?? string.Empty)
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (numbers.Length == 0)
        {
            errors.Add("extensions", "is required: one or more extension numbers separated by commas");
        }

        foreach (var number in numbers)
        {
            Validators.Extension(errors, "extensions", number);
        }

        var sipPassword = form.ExtensionPassword?.Trim() ?? string.Empty;
        Validators.SipPassword(errors, "extensionPassword", sipPassword);
        var queue = errors.Required("queueName", form.QueueName, 40);
        Validators.Name(errors, "queueName", queue);
        var did = form.Did?.Trim() ?? string.Empty;
        Validators.Did(errors, "did", did);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var rows = new List<object>
        {
            new TrunkRow { Name = trunk, AllowedAddress = trunkAddress, RequireAuth = false },
            new QueueRow { Name = queue, Strategy = QueueRow.LongestIdleStrategy, RingTimeoutSeconds = 20 },
            new DidRow { Number = did, TargetKind = DidRow.QueueTarget, TargetName = queue },
        };
        foreach (var number in numbers.Distinct(StringComparer.Ordinal))
        {
            rows.Add(new ExtensionRow { Number = number, Password = sipPassword, DisplayName = $"Agent {number}" });
            rows.Add(new QueueMemberRow { Queue = queue, AgentId = number });
        }

        var admin = new UserRow { Name = "admin", Role = Roles.Admin, SecurityStamp = AccountService.NewStamp() };
        admin.PasswordHash = accounts.Hash(admin, password);
        if (!store.TryCreateFirstAdmin(admin))
        {
            return Results.Problem(title: "Setup is already done", statusCode: StatusCodes.Status409Conflict);
        }

        store.SaveRouting(rows);
        store.SetSetting(SettingRow.TimeZoneKey, zone);
        audit.Record(
            http,
            "setup.completed",
            $"time zone {zone}, trunk {trunk} at {trunkAddress}, extensions {string.Join(',', numbers)}, "
            + $"queue {queue}, DID {did}",
            actor: "setup");
        // Business hours are read in the zone just stored from the next call on.
        var problem = routing.Reload() ?? calendar.Apply();
        await http.SignInAsync(SessionEndpoints.CookieScheme, AccountService.PrincipalOf(admin, "cookie"))
            .ConfigureAwait(false);
        return Results.Ok(new { valid = problem is null, appliesAtOnce = routing.AppliesAtOnce, problem });
    }
}
