using System.Text;
using Appliance.Storage.Customers;
using Appliance.Storage.Web;
using Appliance.Web.Customers;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The admin's customer table (<c>/api/admin/customers</c>): list, read, save (add or replace by
/// account), remove and CSV import; and for supervisors too the search and the CSV export
/// (<c>/api/customers</c>). The IVR's lookup node finds a caller here by number, so a number may
/// belong to one customer only; a save that would give it to a second one is refused naming it.
/// </summary>
internal static class CustomerEndpoints
{
    /// <summary>The most customers one search answers with.</summary>
    public const int MaxListed = 500;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/customers")
            .RequireAuthorization(Roles.AdminPolicy)
            .AddEndpointFilter<CsrfFilter>()
            .WithTags("Admin");
        admin.MapGet("", (WebStore store) => Results.Ok(store.Customers.All().Select(View)))
            .WithSummary("Every customer, by account");
        admin.MapGet("/{account}", (string account, WebStore store) =>
                store.Customers.Find(account) is { } customer ? Results.Ok(View(customer)) : NotFound(account))
            .WithSummary("One customer");
        admin.MapPost("", Save).WithSummary("Adds a customer or replaces the one with the same account");
        admin.MapPost("/import", ImportAsync)
            .WithSummary("Imports customers from a CSV file (multipart field file): good rows are stored, "
                + "the others reported by line");
        admin.MapDelete("/{account}", (string account, HttpContext http, WebStore store, AuditTrail audit) =>
        {
            if (!store.Customers.Delete(account))
            {
                return NotFound(account);
            }

            audit.Record(http, "customer.deleted", $"account {account}");
            return Results.NoContent();
        }).WithSummary("Removes a customer; its callers are unknown from the next call on");
    }

    /// <summary>Read-only views for supervisors and admins: the search the page lists, the export.</summary>
    public static void MapReads(IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api").RequireAuthorization(Roles.SupervisorPolicy).WithTags("Reports");
        reads.MapGet("/customers", (string? search, WebStore store) =>
            {
                var found = store.Customers.Search(search);
                return Results.Ok(new { total = found.Count, customers = found.Take(MaxListed).Select(View) });
            })
            .WithSummary($"Customers whose account, name or number holds the search (at most {MaxListed})");
        reads.MapGet("/customers.csv", (WebStore store) => Results.File(
                Encoding.UTF8.GetBytes(CustomerCsv.Export(store.Customers.All())),
                "text/csv",
                "sparklecc-customers.csv"))
            .WithSummary("Every customer as CSV, in the columns the import reads");
    }

    private static async Task<IResult> ImportAsync(HttpContext http, WebStore store, AuditTrail audit)
    {
        var errors = new FieldErrors();
        if (!http.Request.HasFormContentType)
        {
            errors.Add("file", "is required: send the form as multipart/form-data");
            return errors.ToResult();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            errors.Add("file", "is required: a CSV file with a header row");
        }
        else if (file.Length > CustomerCsv.MaxBytes)
        {
            errors.Add("file", $"is larger than {CustomerCsv.MaxBytes / (1024 * 1024)} MB");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        // Bytes that are not UTF-8 (a Latin-1 export, say) refuse the file instead of being
        // stored as replacement characters; nothing is stored before the whole file has read.
        using var text = new StreamReader(
            file!.OpenReadStream(), s_strictUtf8, detectEncodingFromByteOrderMarks: true);
        CustomerImportReport report;
        try
        {
            report = CustomerCsv.Import(text, store.Customers);
        }
        catch (DecoderFallbackException)
        {
            errors.Add("file", "is not UTF-8 text: save it as CSV in UTF-8 (nothing was imported)");
            return errors.ToResult();
        }

        audit.Record(http, "customer.imported",
            $"{file.FileName}: {report.Added} added, {report.Updated.Count} updated, "
            + $"{report.Rejected.Count} rejected");
        return Results.Ok(report);
    }

    private static IResult NotFound(string account) =>
        Results.Problem(title: $"No customer {account}", statusCode: StatusCodes.Status404NotFound);

    private static object View(CustomerRow row) => new
    {
        row.Account,
        row.Name,
        Numbers = row.Numbers.Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.VipPriority,
        row.Language,
    };

    private static IResult Save(CustomerRequest form, HttpContext http, WebStore store, AuditTrail audit)
    {
        var customers = store.Customers;
        var errors = new FieldErrors();
        var row = CustomerCheck.Validate(form, number => customers.FindByNumber(number)?.Account, errors);
        if (row is null)
        {
            return errors.ToResult();
        }

        customers.Save(row);
        audit.Record(http, "customer.saved",
            $"account {row.Account}: {row.Numbers.Count(c => c == ',') + 1} number(s), VIP {row.VipPriority}");
        return Results.NoContent();
    }
}
