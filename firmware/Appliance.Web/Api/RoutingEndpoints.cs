using Appliance.Storage.Rows;
using Appliance.Storage.Web;
using Appliance.Web.Live;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The routing page's API: SIP trunks, DIDs, queues, agents' queues and not-ready reasons, one
/// row at a time. Each change is checked field by field, written, and applied to the running
/// box at once (the next call follows it; calls in progress go on); a change the box refuses
/// is undone and answered with the field it concerns.
/// </summary>
internal static class RoutingEndpoints
{
    /// <summary>The strategies of table Queue, as the form offers them.</summary>
    public static readonly string[] Strategies =
    [
        QueueRow.LongestIdleStrategy, "round-robin", "fewest-calls", "least-talk-time", "ring-all",
        "random", "linear", "skills-best-match",
    ];

    /// <summary>Maps the routes; a queue's comfort prompt must be a file of
    /// <paramref name="promptDirectory"/>, the IVR's prompt folder (null when the box has none).</summary>
    public static void Map(IEndpointRouteBuilder app, string? promptDirectory)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(Roles.AdminPolicy).WithTags("Admin");

        admin.MapGet("/routing", (WebStore store) => Results.Ok(new
        {
            trunks = store.Trunks(),
            dids = store.Dids(),
            queues = store.QueueRows(),
            agents = Agents(store),
            reasons = store.NotReadyReasons(),
            strategies = Strategies,
        }));

        admin.MapPost("/trunks", SaveTrunk).AddEndpointFilter<CsrfFilter>();
        admin.MapDelete("/trunks/{name}", (HttpContext http, string name, WebStore store,
            AuditTrail audit, IRoutingConfiguration routing) => Apply(http, store, routing, audit, "name",
            s => s.DeleteRouting<TrunkRow>(name), "trunk.deleted", $"trunk {name}")).AddEndpointFilter<CsrfFilter>();

        admin.MapPost("/dids", SaveDid).AddEndpointFilter<CsrfFilter>();
        admin.MapDelete("/dids/{number}", (HttpContext http, string number, WebStore store,
            AuditTrail audit, IRoutingConfiguration routing) => Apply(http, store, routing, audit, "number",
            s => s.DeleteRouting<DidRow>(number), "did.deleted", $"DID {number}")).AddEndpointFilter<CsrfFilter>();

        admin.MapPost("/queues", (HttpContext http, QueueRequest form, WebStore store, AuditTrail audit,
            IRoutingConfiguration routing) => SaveQueue(http, form, store, audit, routing, promptDirectory))
            .AddEndpointFilter<CsrfFilter>();
        admin.MapDelete("/queues/{name}", (HttpContext http, string name, WebStore store,
            AuditTrail audit, IRoutingConfiguration routing) => Apply(http, store, routing, audit, "name",
            s => s.DeleteQueue(name), "queue.deleted", $"queue {name}")).AddEndpointFilter<CsrfFilter>();

        admin.MapPost("/agents", SaveAgentQueues).AddEndpointFilter<CsrfFilter>();
        admin.MapPost("/reasons", SaveReason).AddEndpointFilter<CsrfFilter>();
    }

    private static IResult SaveTrunk(
        HttpContext http,
        TrunkRequest form,
        WebStore store,
        AuditTrail audit,
        IRoutingConfiguration routing)
    {
        var errors = new FieldErrors();
        var name = errors.Required("name", form.Name, 40);
        Validators.Name(errors, "name", name);
        var address = errors.Required("allowedAddress", form.AllowedAddress, 45);
        Validators.Address(errors, "allowedAddress", address);
        var requireAuth = form.RequireAuth is "on" or "true";
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var row = new TrunkRow { Name = name, AllowedAddress = address, RequireAuth = requireAuth };
        return Apply(http, store, routing, audit, "allowedAddress", s => s.SaveRouting([row]),
            "trunk.saved", $"trunk {name} at {address}", row);
    }

    private static IResult SaveDid(
        HttpContext http,
        DidRequest form,
        WebStore store,
        AuditTrail audit,
        IRoutingConfiguration routing)
    {
        var errors = new FieldErrors();
        var number = errors.Required("number", form.Number, 20);
        if (number.Length > 0)
        {
            Validators.Did(errors, "number", number);
        }

        var kind = errors.Required("targetKind", form.TargetKind, 10);
        // "flow" (an IVR flow document) is checked by the running box's dial plan, which knows
        // whether this build runs flow documents; the refusal then names the row and field.
        if (kind.Length > 0 && kind is not (DidRow.QueueTarget or DidRow.IvrTarget or "flow"))
        {
            errors.Add("targetKind", $"'{kind}' is not queue, ivr or flow");
        }

        var target = errors.Required("targetName", form.TargetName, 40);
        if (kind == DidRow.QueueTarget && target.Length > 0
            && !store.QueueRows().Any(q => q.Name == target))
        {
            errors.Add("targetName", $"queue '{target}' does not exist");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var row = new DidRow { Number = number, TargetKind = kind, TargetName = target };
        return Apply(http, store, routing, audit, "targetName", s => s.SaveRouting([row]),
            "did.saved", $"DID {number} to {kind} {target}", row);
    }

    private static IResult SaveQueue(
        HttpContext http,
        QueueRequest form,
        WebStore store,
        AuditTrail audit,
        IRoutingConfiguration routing,
        string? promptDirectory)
    {
        var errors = new FieldErrors();
        var name = errors.Required("name", form.Name, 40);
        Validators.Name(errors, "name", name);
        var strategy = form.Strategy?.Trim() is { Length: > 0 } given ? given : QueueRow.LongestIdleStrategy;
        if (!Strategies.Contains(strategy, StringComparer.Ordinal))
        {
            errors.Add("strategy", $"'{strategy}' is not one of {string.Join(", ", Strategies)}");
        }

        var ring = Validators.WholeNumber(errors, "ringTimeoutSeconds", form.RingTimeoutSeconds, 15, min: 1, max: 300);
        var wrapUp = Validators.WholeNumber(errors, "wrapUpSeconds", form.WrapUpSeconds, 0, min: 0, max: 3600);
        // Table Queue keeps 0 for "the default of 20 s"; the form accepts it back.
        var level = Validators.WholeNumber(errors, "serviceLevelSeconds", form.ServiceLevelSeconds, 20, min: 0, max: 3600);
        var hold = string.IsNullOrWhiteSpace(form.HoldPrompt) ? null : form.HoldPrompt.Trim();
        if (hold is not null)
        {
            Validators.Name(errors, "holdPrompt", hold);
        }

        // The column the form does not show (the recording format) keeps what is stored; the
        // fields sent replace theirs.
        var row = store.QueueRows().FirstOrDefault(q => q.Name == name) ?? new QueueRow { Name = name };
        row.Strategy = strategy;
        row.RingTimeoutSeconds = ring;
        row.WrapUpSeconds = wrapUp;
        row.ServiceLevelSeconds = level;
        row.HoldPrompt = hold;
        var queues = store.QueueRows().Select(q => q.Name).Append(name).ToHashSet(StringComparer.Ordinal);
        var extensions = store.Extensions().Select(e => e.Number).ToHashSet(StringComparer.Ordinal);
        QueueRulesForm.Apply(errors, form, row, queues, extensions);
        QueueWaitingForm.Apply(errors, form, row, PromptEndpoints.Names(promptDirectory));
        if (errors.Any)
        {
            return errors.ToResult();
        }

        return Apply(http, store, routing, audit, "holdPrompt", s => s.SaveRouting([row]), "queue.saved",
            $"queue {name}: {strategy}, ring {ring} s, wrap-up {wrapUp} s, service level {level} s; "
            + QueueRulesForm.Describe(row) + "; " + QueueWaitingForm.Describe(row), row);
    }

    private static IResult SaveAgentQueues(
        HttpContext http,
        AgentQueuesRequest form,
        WebStore store,
        AuditTrail audit,
        IRoutingConfiguration routing)
    {
        var errors = new FieldErrors();
        var agent = errors.Required("agentId", form.AgentId, 6);
        if (agent.Length > 0)
        {
            Validators.Extension(errors, "agentId", agent);
        }

        if (agent.Length > 0 && !errors.Has("agentId") && !store.Extensions().Any(e => e.Number == agent))
        {
            errors.Add("agentId", $"extension '{agent}' does not exist");
        }

        var queues = (form.Queues ?? string.Empty)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var known = store.QueueRows().Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var queue in queues.Where(q => !known.Contains(q)))
        {
            errors.Add("queues", $"queue '{queue}' does not exist");
        }

        // Left out of the request, the skills stay as stored (an API client that sets queues only).
        var skills = form.Skills is null ? null : SkillListField.Parse(errors, "skills", form.Skills);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var detail = $"agent {agent} in {string.Join(',', queues)}"
            + (skills is null ? "" : $"; skills {SkillListField.Format(skills)}");
        return Apply(http, store, routing, audit, "queues", s =>
        {
            s.ReplaceMembers(agent, queues);
            if (skills is not null)
            {
                s.ReplaceSkills(agent, skills);
            }
        }, "agent.saved", detail, new { agentId = agent, queues, skills = form.Skills is null ? null : SkillListField.Format(skills!) });
    }

    // Every agent that is a member of a queue or has a skill, with both as the form writes them.
    private static IEnumerable<object> Agents(WebStore store)
    {
        var members = store.Members();
        var skills = store.AgentSkills();
        return members.Select(m => m.AgentId).Concat(skills.Select(k => k.AgentId))
            .Distinct(StringComparer.Ordinal)
            .Select(agent => new
            {
                agentId = agent,
                queues = string.Join(',', members.Where(m => m.AgentId == agent).Select(m => m.Queue)),
                skills = SkillListField.Format(skills.Where(k => k.AgentId == agent).Select(k => (k.Skill, k.Level))),
            });
    }

    private static IResult SaveReason(
        HttpContext http,
        ReasonRequest form,
        WebStore store,
        AuditTrail audit,
        IRoutingConfiguration routing)
    {
        var errors = new FieldErrors();
        var code = Validators.WholeNumber(errors, "code", form.Code, -1, min: 0, max: 99);
        var name = errors.Required("name", form.Name, 40);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var row = new NotReadyReasonRow { Code = code, Name = name };
        return Apply(http, store, routing, audit, "name", s => s.SaveRouting([row]),
            "reason.saved", $"not-ready reason {code} {name}", row);
    }

    /// <summary>
    /// Writes a change and applies it to the running box; when the box refuses it (the whole
    /// no longer holds together, or a call in progress needs what it removes) the previous
    /// configuration is put back and the refusal is reported under <paramref name="field"/>.
    /// </summary>
    private static IResult Apply(
        HttpContext http,
        WebStore store,
        IRoutingConfiguration routing,
        AuditTrail audit,
        string field,
        Action<WebStore> change,
        string action,
        string detail,
        object? saved = null)
    {
        // Not-ready reasons are not part of the backup; the ACD refuses none that passed the form.
        var previous = store.Export();
        change(store);

        var problem = routing.Reload();
        if (problem is not null)
        {
            store.Import(previous);
            routing.Reload();
            var errors = new FieldErrors();
            errors.Add(FieldNamedIn(problem) ?? field, problem);
            return errors.ToResult();
        }

        audit.Record(http, action, detail);
        return Results.Ok(new { saved, appliesAtOnce = routing.AppliesAtOnce });
    }

    // The box names the stored column ("Table Did, row '200', field TargetKind: ..."); the forms
    // use the same names in camel case, so the message lands beside the field concerned.
    private static string? FieldNamedIn(string problem)
    {
        const string marker = "field ";
        var at = problem.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var name = new string([.. problem[(at + marker.Length)..].TakeWhile(char.IsAsciiLetter)]);
        return name.Length == 0 ? null : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
