using System.Globalization;
using System.Text;
using Appliance.Web.Reports;

namespace Appliance.Web.Api;

/// <summary>A <see cref="ReportTable"/> as CSV (RFC 4180): the column names, then a line a row.</summary>
internal static class ReportCsv
{
    public static byte[] Encode(ReportTable table)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', table.Columns.Select(CsvField.Escape)).Append("\r\n");
        foreach (var row in table.Rows)
        {
            csv.AppendJoin(',', row.Select(cell => CsvField.Escape(Cell(cell)))).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static string? Cell(object? cell) => cell switch
    {
        null => null,
        double number => number.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };
}
