namespace Appliance.Web.Customers;

/// <summary>What a customer import did: every row is added, updates a customer, or is rejected.</summary>
/// <param name="Rows">Data rows read, the header not counted.</param>
/// <param name="Added">Rows that added a customer.</param>
/// <param name="Updated">Rows that replaced a customer already in the table.</param>
/// <param name="Rejected">Rows not stored, in file order; a header that does not read rejects the
/// whole file as line 1 and stores nothing.</param>
public sealed record CustomerImportReport(
    int Rows,
    int Added,
    IReadOnlyList<ImportedCustomer> Updated,
    IReadOnlyList<RejectedCustomer> Rejected);
