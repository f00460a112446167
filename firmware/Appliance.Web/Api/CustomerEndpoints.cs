using System.Text.RegularExpressions;
using Appliance.Storage.Customers;
using Appliance.Storage.Web;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The admin's customer table (<c>/api/admin/customers</c>): list, read, save (add or replace by
/// account) and remove. The IVR's lookup node finds a caller here by number, so a number may
/// belong to one customer only; a save that would give it to a second one is refused naming it.
/// </summary>
internal static partial class CustomerEndpoints
{
    private const int MaxNumbers = 10;

    private static readonly string[] s_languages = ["en", "zh"];

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
        var errors = new FieldErrors();
        var account = errors.Required("account", form.Account, maxLength: 40);
        if (account.Length > 0 && !AccountPattern().IsMatch(account))
        {
            errors.Add("account", "may hold only letters, digits, '-' and '_'");
        }

        var name = errors.Required("name", form.Name, maxLength: 100);
        if (name.Any(char.IsControl))
        {
            errors.Add("name", "may not hold control characters");
        }

        var numbers = ReadNumbers(form.Numbers, account, store.Customers, errors);
        var vip = form.VipPriority ?? 0;
        if (vip is < 0 or > 1000)
        {
            errors.Add("vipPriority", "must be a whole number from 0 to 1000 (0 for no VIP priority)");
        }

        var language = string.IsNullOrWhiteSpace(form.Language)
            ? null
            : form.Language.Trim().ToLowerInvariant();
        if (language is not null && !s_languages.Contains(language))
        {
            errors.Add("language", $"'{form.Language}' is not one of {string.Join(", ", s_languages)}");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        store.Customers.Save(new CustomerRow
        {
            Account = account,
            Name = name,
            Numbers = string.Join(',', numbers),
            VipPriority = vip,
            Language = language,
        });
        audit.Record(http, "customer.saved", $"account {account}: {numbers.Count} number(s), VIP {vip}");
        return Results.NoContent();
    }

    private static List<string> ReadNumbers(
        IReadOnlyList<string>? given, string account, CustomerDirectory customers, FieldErrors errors)
    {
        var numbers = new List<string>();
        if (given is null || given.Count == 0)
        {
            errors.Add("numbers", "at least one number is required");
            return numbers;
        }

        if (given.Count > MaxNumbers)
        {
            errors.Add("numbers", $"a customer has at most {MaxNumbers} numbers");
            return numbers;
        }

        foreach (var text in given)
        {
            var number = CustomerDirectory.NormalizeNumber(text);
            var digits = number.TrimStart('+').Length;
            if (digits is < 3 or > 20 || (text ?? string.Empty).Any(c => char.IsLetter(c)))
            {
                errors.Add("numbers", $"'{text}' is not a telephone number of 3 to 20 digits");
                continue;
            }

            if (customers.FindByNumber(number) is { } other && other.Account != account)
            {
                errors.Add("numbers", $"{number} belongs to customer {other.Account} already");
                continue;
            }

            if (!numbers.Contains(number))
            {
                numbers.Add(number);
            }
        }

        return numbers;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex AccountPattern();
}
