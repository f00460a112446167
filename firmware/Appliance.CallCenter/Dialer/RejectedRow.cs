namespace Appliance.CallCenter.Dialer;

/// <summary>
/// One CSV row the importer refused. <paramref name="LineNumber"/> is the 1-based physical line
/// the record starts on (a quoted field may span lines, so it is not the record index).
/// </summary>
public readonly record struct RejectedRow(int LineNumber, ContactRejection Reason, string Detail);
