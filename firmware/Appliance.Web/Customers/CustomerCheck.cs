using System.Text.RegularExpressions;
using Appliance.Storage.Customers;
using Appliance.Web.Api;

namespace Appliance.Web.Customers;

/// <summary>
/// Checks one customer as the admin gave it, field by field, for the form and for each row of a
/// CSV import alike: an account of letters, digits, <c>-</c> and <c>_</c>, a name, one to ten
/// numbers normalized as the IVR's lookup compares them, none of them another account's, a VIP
/// priority of 0-1000 and a language of the prompt sets.
/// </summary>
internal static partial class CustomerCheck
{
    public const int MaxNumbers = 10;

    private static readonly string[] s_languages = ["en", "zh"];

    /// <param name="form">The customer as given.</param>
    /// <param name="ownerOf">The account a normalized number belongs to, or null.</param>
    /// <param name="errors">Where each bad field is named.</param>
    /// <returns>The row to store, or null when <paramref name="errors"/> holds why not.</returns>
    public static CustomerRow? Validate(CustomerRequest form, Func<string, string?> ownerOf, FieldErrors errors)
    {
        var account = errors.Required("account", form.Account, maxLength: 40);
        if (account.Length > 0 && !AccountPattern().IsMatch(account))
        {
            errors.Add("account", "may hold only letters, digits, '-' and '_'");
        }

        var name = errors.Required("name", form.Name, maxLength: 100);
        if (name.Any(c => char.IsControl(c) || IsDirectionControl(c)))
        {
            // Direction overrides can make a name read differently on the desktop than it is stored.
            errors.Add("name", "may not hold control or text-direction characters");
        }

        var numbers = ReadNumbers(form.Numbers, account, ownerOf, errors);
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
            return null;
        }

        return new CustomerRow
        {
            Account = account,
            Name = name,
            Numbers = string.Join(',', numbers),
            VipPriority = vip,
            Language = language,
        };
    }

    private static List<string> ReadNumbers(
        IReadOnlyList<string>? given, string account, Func<string, string?> ownerOf, FieldErrors errors)
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
            if (digits is < 3 or > 20 || !NumberPattern().IsMatch(text ?? string.Empty))
            {
                // The lookup keeps only digits and a leading '+': anything else ('*', '#', a
                // second '+') would be dropped silently and the stored number would not be the
                // one typed.
                errors.Add("numbers", $"'{text}' is not a telephone number of 3 to 20 digits "
                    + "(digits, a leading '+', spaces, '-', '.', '/' and brackets only)");
                continue;
            }

            if (ownerOf(number) is { } other && other != account)
            {
                errors.Add("numbers", $"{number} belongs to customer {other} already");
                continue;
            }

            if (!numbers.Contains(number))
            {
                numbers.Add(number);
            }
        }

        return numbers;
    }

    private static bool IsDirectionControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^\s*\+?[0-9 ().\/-]+$")]
    private static partial Regex NumberPattern();
}
