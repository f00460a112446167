using System.Globalization;
using System.Text;
using Appliance.CallCenter.Dialer;
using Appliance.Storage.Customers;
using Appliance.Web.Api;

namespace Appliance.Web.Customers;

/// <summary>
/// The customer table as RFC 4180 CSV, in and out. The header names the columns in any order and
/// letter case: <c>number</c> (or <c>numbers</c>: one or more, separated by <c>;</c>) and
/// <c>name</c> are required; <c>account</c>, <c>vip_priority</c> (or <c>vip</c>, <c>priority</c>)
/// and <c>language</c> are optional. Each row is checked as the admin form is; a good row is
/// stored, a bad one is reported with its line and reason and the rest go on.
/// </summary>
/// <remarks>
/// Duplicates: a row whose account, or (without an account) whose first number, is a customer
/// already in the table replaces that customer and is reported as updated. A row that repeats an
/// account or a number of an earlier row of the same file is rejected, naming that line, and so
/// is a number that belongs to another customer. A row without an account and with a new number
/// gets the account <c>C</c> followed by that number's digits.
/// </remarks>
internal static class CustomerCsv
{
    /// <summary>
    /// The largest file an import reads: under the web server's 30 MB request limit, and room for
    /// the export of about 400,000 customers.
    /// </summary>
    public const int MaxBytes = 25 * 1024 * 1024;

    private const string ExportHeader = "account,name,numbers,vip_priority,language";

    private static readonly string[] s_required = ["numbers", "name"];

    private static readonly Dictionary<string, string> s_columns = new(StringComparer.Ordinal)
    {
        ["number"] = "numbers",
        ["numbers"] = "numbers",
        ["name"] = "name",
        ["account"] = "account",
        ["vippriority"] = "vipPriority",
        ["vip"] = "vipPriority",
        ["priority"] = "vipPriority",
        ["language"] = "language",
    };

    /// <summary>Reads <paramref name="csv"/> (owned by the caller) and stores its good rows in one
    /// transaction.</summary>
    public static CustomerImportReport Import(TextReader csv, CustomerDirectory customers)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(customers);
        var reader = new CsvRecordReader(csv);
        var rejected = new List<RejectedCustomer>();

        var header = reader.Read();
        var columns = header is null ? null : Columns(header, rejected);
        if (columns is null)
        {
            if (header is null)
            {
                rejected.Add(new RejectedCustomer(1, null, "the file is empty: a header row is required"));
            }

            return new CustomerImportReport(0, 0, [], rejected);
        }

        var existing = customers.All();
        var accounts = existing.ToDictionary(c => c.Account, StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var customer in existing)
        {
            foreach (var number in customer.Numbers.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                owners[number] = customer.Account;
            }
        }

        var import = new Batch(accounts, owners);
        var rows = 0;
        while (reader.Read() is { } record)
        {
            // A line of spaces, as an editor may leave at the end, is no row.
            if (record.Error is null && record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows++;
            if (import.Take(record, columns) is { } refusal)
            {
                rejected.Add(refusal);
            }
        }

        customers.SaveAll(import.Accepted);
        return new CustomerImportReport(rows, import.Added, import.Updated, rejected);
    }

    /// <summary>Every customer as CSV that <see cref="Import"/> reads back.</summary>
    public static string Export(IEnumerable<CustomerRow> customers)
    {
        var csv = new StringBuilder(ExportHeader).Append("\r\n");
        foreach (var c in customers)
        {
            csv.AppendJoin(',', [.. new[]
            {
                c.Account,
                c.Name,
                c.Numbers.Replace(',', ';'),
                c.VipPriority.ToString(CultureInfo.InvariantCulture),
                c.Language,
            }.Select(CsvField.Escape)]).Append("\r\n");
        }

        return csv.ToString();
    }

    // The export puts a quote before a cell a spreadsheet would take for a formula
    // (CsvField.Escape); reading the file back takes it away again.
    private static string Unguard(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '@' or '+' or '-' ? cell[1..] : cell;

    /// <returns>The field each column fills, or null (with the reason added) when the header
    /// does not read.</returns>
    private static string[]? Columns(CsvRecord header, List<RejectedCustomer> rejected)
    {
        if (header.Error is not null)
        {
            rejected.Add(new RejectedCustomer(header.LineNumber, null, "the header " + header.Error));
            return null;
        }

        var columns = new string[header.Fields.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var key = new string(
                [.. header.Fields[i].Trim().ToLowerInvariant().Where(c => c is not ('_' or ' ' or '-'))]);
            if (!s_columns.TryGetValue(key, out var field))
            {
                rejected.Add(new RejectedCustomer(header.LineNumber, null,
                    $"column '{header.Fields[i]}' is not one of number, name, account, vip_priority, language"));
                return null;
            }

            if (columns.Contains(field))
            {
                rejected.Add(new RejectedCustomer(
                    header.LineNumber, null, $"column '{header.Fields[i]}' is given twice"));
                return null;
            }

            columns[i] = field;
        }

        var missing = s_required.Where(f => !columns.Contains(f)).ToList();
        if (missing.Count > 0)
        {
            var names = missing.Select(m => m == "numbers" ? "number" : m);
            rejected.Add(new RejectedCustomer(header.LineNumber, null, $"the header lacks {string.Join(" and ", names)}"));
            return null;
        }

        return columns;
    }

    /// <summary>The rows accepted so far, and the accounts and numbers they and the table hold.</summary>
    private sealed class Batch(Dictionary<string, CustomerRow> stored, Dictionary<string, string> owners)
    {
        private readonly Dictionary<string, int> _accountLines = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _numberLines = new(StringComparer.Ordinal);

        public List<CustomerRow> Accepted { get; } = [];

        public List<ImportedCustomer> Updated { get; } = [];

        public int Added { get; private set; }

        /// <returns>Null when the row was accepted, otherwise why it was not.</returns>
        public RejectedCustomer? Take(CsvRecord record, string[] columns)
        {
            var line = record.LineNumber;
            if (record.Error is not null)
            {
                return new RejectedCustomer(line, null, record.Error);
            }

            if (record.Fields.Count != columns.Length)
            {
                return new RejectedCustomer(line, null,
                    $"{record.Fields.Count} fields where the header has {columns.Length}");
            }

            var cells = columns.Zip(record.Fields).ToDictionary(p => p.First, p => Unguard(p.Second.Trim()));
            var numbers = cells["numbers"].Split(
                ';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var normalized = numbers.Select(CustomerDirectory.NormalizeNumber).Where(n => n.Length > 0).ToList();
            if (normalized.FirstOrDefault(_numberLines.ContainsKey) is { } repeated)
            {
                return new RejectedCustomer(
                    line, "numbers", $"{repeated} repeats line {_numberLines[repeated]}");
            }

            int? vip = null;
            if (cells.GetValueOrDefault("vipPriority") is { Length: > 0 } vipText)
            {
                if (!int.TryParse(vipText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    return new RejectedCustomer(
                        line, "vipPriority", $"'{vipText}' is not a whole number from 0 to 1000");
                }

                vip = parsed;
            }

            var account = cells.GetValueOrDefault("account") is { Length: > 0 } given ? given
                : normalized.Count > 0 && owners.TryGetValue(normalized[0], out var owner) ? owner
                : NewAccount(normalized);
            if (_accountLines.TryGetValue(account, out var earlier))
            {
                return new RejectedCustomer(line, "account", $"account {account} repeats line {earlier}");
            }

            var errors = new FieldErrors();
            var form = new CustomerRequest(
                account, cells["name"], numbers, vip, cells.GetValueOrDefault("language"));
            if (CustomerCheck.Validate(form, owners.GetValueOrDefault, errors) is not { } row)
            {
                return new RejectedCustomer(line, errors.FirstField, errors.Summary);
            }

            Keep(row, line);
            return null;
        }

        private void Keep(CustomerRow row, int line)
        {
            if (stored.TryGetValue(row.Account, out var before))
            {
                Updated.Add(new ImportedCustomer(line, row.Account));

                // The row replaces the customer, numbers included: the old ones are free again.
                foreach (var number in before.Numbers.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    owners.Remove(number);
                }
            }
            else
            {
                Added++;
            }

            _accountLines[row.Account] = line;
            foreach (var number in row.Numbers.Split(','))
            {
                _numberLines[number] = line;
                owners[number] = row.Account;
            }

            Accepted.Add(row);
        }

        private string NewAccount(List<string> normalized)
        {
            var baseName = "C" + (normalized.Count > 0 ? normalized[0].TrimStart('+') : string.Empty);
            var account = baseName;
            for (var n = 2; stored.ContainsKey(account) || _accountLines.ContainsKey(account); n++)
            {
                account = baseName + "-" + n.ToString(CultureInfo.InvariantCulture);
            }

            return account;
        }
    }
}
