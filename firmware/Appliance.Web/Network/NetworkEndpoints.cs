using Appliance.Web.Api;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serilog;

namespace Appliance.Web.Network;

/// <summary>
/// The network page's API: the interface's address (DHCP or static), host name and NTP servers as
/// saved, what the box has now, and their change. A save is checked field by field, written to
/// the same files the front panel writes, applied the way the panel applies it and audited with
/// what changed.
/// </summary>
internal static class NetworkEndpoints
{
    public static void Map(IEndpointRouteBuilder app, INetworkSetup? network, ILogger log)
    {
        var admin = app.MapGroup("/api/admin/network").RequireAuthorization(Roles.AdminPolicy).WithTags("Admin");
        admin.MapGet("", () => network is null ? NoNetwork() : Results.Ok(Describe(network.Read())))
            .WithSummary("The network settings as saved and the addresses the box has now");
        admin.MapPost("", (HttpContext http, NetworkRequest form, AuditTrail audit) => network is null
                ? NoNetwork()
                : Save(http, form, network, audit, log))
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Saves and applies the address (DHCP or static), host name and NTP servers");
    }

    private static IResult NoNetwork() =>
        Results.Problem(title: "This box's network is not set from here", statusCode: StatusCodes.Status404NotFound);

    private static object Describe(NetworkState state, string? movedTo = null) => new
    {
        @interface = state.Interface,
        applies = state.Applies,
        mode = state.Saved.Dhcp ? "dhcp" : "static",
        address = state.Saved.Address?.ToString(),
        prefixLength = state.Saved.Dhcp ? (int?)null : state.Saved.PrefixLength,
        gateway = state.Saved.Gateway?.ToString(),
        dns = state.Saved.Dns.Select(d => d.ToString()),
        hostName = state.Saved.HostName ?? state.HostNameNow,
        hostNameNow = state.HostNameNow,
        ntp = state.Saved.NtpServers,
        addresses = state.Addresses,
        sipAdvertisedAs = state.SipAdvertisedAs,
        files = state.Files,
        movedTo,
    };

    private static IResult Save(
        HttpContext http,
        NetworkRequest form,
        INetworkSetup network,
        AuditTrail audit,
        ILogger log)
    {
        var errors = new FieldErrors();
        if (NetworkCheck.Check(form, errors) is not { } next)
        {
            return errors.ToResult();
        }

        var before = network.Read();
        var movedTo = NetworkMove.Where(http.Connection.LocalIpAddress, http.Connection.LocalPort, before.Saved, next);
        if (before.Applies && movedTo is not null && string.IsNullOrWhiteSpace(form.ConfirmMove))
        {
            errors.Add("confirmMove", $"this page is reached on {http.Connection.LocalIpAddress}, which the box gives "
                + $"up: it moves to {movedTo}; confirm to go on");
            return errors.ToResult();
        }

        try
        {
            network.Save(next);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Error(ex, "Network settings from the web page could not be saved");
            return Results.Problem(
                title: "The network settings could not be written; the box keeps the ones it has",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var old = before.Saved.Describe();
        var changes = next.Describe()
            .Where(n => !string.Equals(old[n.Key], n.Value, StringComparison.Ordinal))
            .Select(n => $"{n.Key} {old[n.Key]} -> {n.Value}")
            .ToList();
        audit.Record(http, "network.saved", changes.Count == 0 ? "unchanged" : string.Join("; ", changes));
        return Results.Ok(Describe(network.Read(), movedTo));
    }
}
