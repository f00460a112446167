namespace Appliance.Web.Customers;

/// <summary>A row of a customer import that replaced the customer <paramref name="Account"/>.</summary>
/// <param name="Line">The 1-based line of the file the row starts on.</param>
/// <param name="Account">The customer replaced.</param>
public sealed record ImportedCustomer(int Line, string Account);
