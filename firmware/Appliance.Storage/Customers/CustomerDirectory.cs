using System.Text;
using Appliance.CallCenter.Customers;

namespace Appliance.Storage.Customers;

/// <summary>
/// The customer table: the IVR finds a caller by number, the admin API adds, changes and removes
/// customers. A number belongs to one customer at most. Thread-safe (the database's one lock).
/// </summary>
/// <remarks>
/// A lookup scans the table's numbers with one LIKE query: quick enough for the tens of
/// thousands of customers a box of this size serves, without a second table to keep in step.
/// </remarks>
public sealed class CustomerDirectory
{
    private readonly ApplianceDatabase _database;

    public CustomerDirectory(ApplianceDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>
    /// The number as stored and compared: its digits, with a leading <c>+</c> kept; spaces,
    /// dashes, dots and brackets dropped. Empty when it holds no digit.
    /// </summary>
    public static string NormalizeNumber(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return string.Empty;
        }

        var digits = new StringBuilder(number.Length);
        foreach (var c in number.Trim())
        {
            if (char.IsAsciiDigit(c) || (c == '+' && digits.Length == 0))
            {
                digits.Append(c);
            }
        }

        return digits.Length > 0 && digits[^1] != '+' ? digits.ToString() : string.Empty;
    }

    /// <summary>The customer one of whose numbers is <paramref name="callerNumber"/>, or null.</summary>
    public CustomerRow? FindByNumber(string? callerNumber)
    {
        var number = NormalizeNumber(callerNumber);
        if (number.Length == 0)
        {
            return null;
        }

        // The normalized number holds only digits and '+', nothing LIKE treats as a wildcard.
        return _database.Run(db => db.Query<CustomerRow>(
            "SELECT * FROM Customer WHERE ',' || Numbers || ',' LIKE ? ORDER BY Account LIMIT 1",
            $"%,{number},%")).FirstOrDefault();
    }

    /// <summary>The profile the IVR's lookup node needs, or null for an unknown number.</summary>
    public CustomerProfile? Profile(string? callerNumber) =>
        FindByNumber(callerNumber) is { } row
            ? new CustomerProfile(row.Account, row.Name, row.VipPriority, row.Language)
            : null;

    /// <summary>Every customer, by account.</summary>
    public IReadOnlyList<CustomerRow> All() =>
        _database.Run(db => db.Table<CustomerRow>().OrderBy(c => c.Account).ToList());

    /// <summary>
    /// The customers, by account, whose account or name holds <paramref name="text"/> (any letter
    /// case) or one of whose numbers holds its digits as normalized; every customer when empty.
    /// </summary>
    public IReadOnlyList<CustomerRow> Search(string? text)
    {
        var all = All();
        var wanted = text?.Trim() ?? string.Empty;
        if (wanted.Length == 0)
        {
            return all;
        }

        var digits = NormalizeNumber(wanted);
        return [.. all.Where(c =>
            c.Account.Contains(wanted, StringComparison.OrdinalIgnoreCase)
            || c.Name.Contains(wanted, StringComparison.OrdinalIgnoreCase)
            || (digits.Length > 0 && c.Numbers.Contains(digits, StringComparison.Ordinal)))];
    }

    public CustomerRow? Find(string account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return _database.Run(db => db.Find<CustomerRow>(account));
    }

    /// <summary>Adds a customer or replaces the one with the same account.</summary>
    public void Save(CustomerRow customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentException.ThrowIfNullOrEmpty(customer.Account, nameof(customer));
        _database.Run(db => db.InsertOrReplace(customer));
    }

    /// <summary>Adds or replaces every customer given, all or none (one transaction).</summary>
    public void SaveAll(IReadOnlyCollection<CustomerRow> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        _database.Run(db =>
        {
            db.RunInTransaction(() =>
            {
                foreach (var customer in customers)
                {
                    db.InsertOrReplace(customer);
                }
            });
            return customers.Count;
        });
    }

    /// <returns>False when there was no such customer.</returns>
    public bool Delete(string account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return _database.Run(db => db.Delete<CustomerRow>(account)) > 0;
    }
}
