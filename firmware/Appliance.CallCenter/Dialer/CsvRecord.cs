namespace Appliance.CallCenter.Dialer;

/// <summary>One CSV record: the line it starts on, its fields, and a quoting error if any.</summary>
public sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields, string? Error);
