namespace Appliance.Web.Customers;

/// <summary>A row of a customer import that was not stored, and why.</summary>
/// <param name="Line">The 1-based line of the file the row starts on (a quoted field may span lines).</param>
/// <param name="Field">The field at fault (<c>account</c>, <c>name</c>, <c>numbers</c>,
/// <c>vipPriority</c>, <c>language</c>), or null when the row as a whole does not read.</param>
/// <param name="Reason">What is wrong, in a plain sentence.</param>
public sealed record RejectedCustomer(int Line, string? Field, string Reason);
