using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Channels;
using Appliance.Storage.Web;
using Appliance.Web.Live;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The CTI API: calls, agents and queues right now; ready / not ready and hang-up commands;
/// the WebSocket stream of floor events at <c>/api/events</c>. An agent may command only its
/// own agent and its own call; supervisors, admins and API tokens any.
/// </summary>
internal static class CtiEndpoints
{
    /// <summary>Events a slow WebSocket client may fall behind by before the oldest are dropped.</summary>
    private const int StreamBacklog = 256;

    public static void Map(IEndpointRouteBuilder app)
    {
        var cti = app.MapGroup("/api").RequireAuthorization(Roles.AnyUserPolicy).WithTags("CTI");

        cti.MapGet("/reasons", (WebStore store) => Results.Ok(store.NotReadyReasons().Select(r => new { r.Code, r.Name })))
            .WithSummary("The not-ready reasons an admin defined");
        cti.MapGet("/alarms", (IContactCenterFloor floor) => Results.Ok(floor.Alarms))
            .RequireAuthorization(Roles.SupervisorPolicy)
            .WithSummary("Queues waiting past their service-level threshold and trunks out of service");
        cti.MapGet("/calls", (IContactCenterFloor floor) => Results.Ok(floor.Calls))
            .WithSummary("Calls in progress");
        cti.MapGet("/agents", (IContactCenterFloor floor) => Results.Ok(floor.Agents))
            .WithSummary("Agents and their states");
        cti.MapGet("/queues", (IContactCenterFloor floor) => Results.Ok(floor.Queues))
            .WithSummary("Queues with waiting calls and longest wait");

        cti.MapPost("/agents/{agentId}/ready", SetReady)
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Marks an agent ready, or not ready with a reason");
        cti.MapPost("/calls/{callId}/hangup", HangUp)
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Hangs up a call in progress");

        cti.MapGet("/events", StreamAsync)
            .WithSummary("WebSocket: every call and agent event as one JSON text message");

        // RFC 8441: a browser on HTTP/2 opens a WebSocket with an extended CONNECT, not a GET;
        // without this route Chromium's wss:// to the box is answered 405.
        cti.MapMethods("/events", [HttpMethods.Connect], StreamAsync).ExcludeFromDescription();
    }

    private static IResult SetReady(
        string agentId,
        ReadyRequest form,
        ClaimsPrincipal user,
        HttpContext http,
        IContactCenterFloor floor,
        WebStore store,
        AuditTrail audit)
    {
        if (!MayCommand(user, agentId))
        {
            return Results.Problem(
                title: $"You may not change agent {agentId}",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var reason = string.IsNullOrWhiteSpace(form.Reason) ? null : form.Reason.Trim();
        if (reason is { Length: > 40 })
        {
            var errors = new FieldErrors();
            errors.Add("reason", "is longer than 40 characters");
            return errors.ToResult();
        }

        // Once an admin has defined reasons, only those count, spelt as the admin wrote them.
        var defined = store.NotReadyReasons();
        if (!form.Ready && reason is not null && defined.Count > 0)
        {
            var match = defined.FirstOrDefault(r => string.Equals(r.Name, reason, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                var errors = new FieldErrors();
                errors.Add("reason", $"'{reason}' is not one of {string.Join(", ", defined.Select(r => r.Name))}");
                return errors.ToResult();
            }

            reason = match.Name;
        }

        if (!floor.SetAgentReady(agentId, form.Ready, form.Ready ? null : reason))
        {
            return Results.Problem(title: $"Agent {agentId} does not exist", statusCode: StatusCodes.Status404NotFound);
        }

        audit.Record(http, form.Ready ? "agent.ready" : "agent.not-ready", $"agent {agentId} {reason}".TrimEnd());
        return Results.NoContent();
    }

    private static IResult HangUp(
        string callId,
        ClaimsPrincipal user,
        HttpContext http,
        IContactCenterFloor floor,
        AuditTrail audit)
    {
        var call = floor.Calls.FirstOrDefault(c => c.CallId == callId);
        if (call is null)
        {
            return Results.Problem(title: $"Call {callId} is not in progress", statusCode: StatusCodes.Status404NotFound);
        }

        if (!MayCommand(user, call.Agent))
        {
            return Results.Problem(title: $"Call {callId} is not yours", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!floor.HangUp(callId))
        {
            return Results.Problem(title: $"Call {callId} is not in progress", statusCode: StatusCodes.Status404NotFound);
        }

        audit.Record(http, "call.hung-up", $"call {callId} from {call.CallerNumber}");
        return Results.NoContent();
    }

    internal static bool MayCommand(ClaimsPrincipal user, string? agentId) =>
        !user.IsInRole(Roles.Agent)
        || (agentId is not null && user.FindFirstValue(AccountService.AgentClaim) == agentId);

    private static async Task StreamAsync(HttpContext http, IContactCenterFloor floor)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("Open this address as a WebSocket.", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var events = Channel.CreateBounded<FloorEvent>(new BoundedChannelOptions(StreamBacklog)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        void OnChanged(FloorEvent change) => events.Writer.TryWrite(change);
        floor.Changed += OnChanged;
        try
        {
            var closed = DrainUntilClosedAsync(socket, http.RequestAborted);
            var sending = SendAsync(socket, events.Reader, http.RequestAborted);
            await Task.WhenAny(closed, sending).ConfigureAwait(false);
        }
        finally
        {
            floor.Changed -= OnChanged;
            events.Writer.TryComplete();
        }
    }

    private static async Task SendAsync(WebSocket socket, ChannelReader<FloorEvent> events, CancellationToken cancel)
    {
        await foreach (var change in events.ReadAllAsync(cancel).ConfigureAwait(false))
        {
            if (socket.State != WebSocketState.Open)
            {
                return;
            }

            var bytes = JsonSerializer.SerializeToUtf8Bytes(change, JsonOptions.Compact);
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Reads (and ignores) what the client sends, until it closes.</summary>
    private static async Task DrainUntilClosedAsync(WebSocket socket, CancellationToken cancel)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, cancel).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancel).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (WebSocketException)
        {
            // The browser went away without a close frame: nothing more to send.
        }
    }
}
