namespace Appliance.Web.Reports;

/// <summary>
/// One report as the page and the CSV export both read it: column names, then rows of cells in
/// the same order (text, whole numbers or numbers with one decimal). <see cref="ChartColumn"/>
/// names the column the page draws as bars, labelled by the first column.
/// </summary>
public sealed record ReportTable(
    string Name,
    string Title,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    string ChartColumn);
