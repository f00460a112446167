using Appliance.Web.Flows;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The IVR flow editor's API: the stored flows, and saving one whole document. A document the
/// box refuses is answered with a ValidationProblem whose <c>errors</c> are keyed
/// <c>node.field</c> (or the field alone for the document itself) and whose <c>problems</c> list
/// every finding, warnings included, so the page shows them beside the editor.
/// </summary>
internal static class FlowEndpoints
{
    /// <summary>A flow document larger than this is refused before it is parsed.</summary>
    public const int MaxDocumentLength = 256 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(Roles.AdminPolicy).WithTags("Admin");

        admin.MapGet("/flows", (IFlowEditor flows) => Results.Ok(flows.List()));
        admin.MapPost("/flows", Save).AddEndpointFilter<CsrfFilter>();
    }

    private static IResult Save(HttpContext http, FlowRequest form, IFlowEditor flows, AuditTrail audit)
    {
        var errors = new FieldErrors();
        var json = form.Json ?? string.Empty;
        if (json.Trim().Length == 0)
        {
            errors.Add("json", "is required");
        }
        else if (json.Length > MaxDocumentLength)
        {
            errors.Add("json", $"is longer than {MaxDocumentLength} characters");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var result = flows.Save(json);
        if (!result.Saved)
        {
            foreach (var problem in result.Problems.Where(p => p.Severity == "error"))
            {
                errors.Add(problem.Node is null ? problem.Field : $"{problem.Node}.{problem.Field}", problem.Message);
            }

            if (!errors.Any)
            {
                errors.Add("json", "was refused by the box");
            }

            return errors.ToResult(new Dictionary<string, object?> { ["problems"] = result.Problems });
        }

        audit.Record(http, "flow.saved", $"IVR flow {result.Name}");
        return Results.Ok(new { name = result.Name, problems = result.Problems });
    }
}
