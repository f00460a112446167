using Appliance.Storage.Customers;

namespace Appliance.Storage.Tests.Customers;

/// <summary>The customer table's search, batch save and number lookup over a database file.</summary>
public sealed class CustomerDirectoryTests
{
    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("lovelace", "A-1")]
    [InlineData("a-1", "A-1")]
    [InlineData("(555) 02", "B-2")]
    [InlineData("+44", "A-1")]
    public void ASearchFindsCustomersByAccountNameOrTheDigitsOfANumber(string search, string account)
    {
        using var temp = new TempDatabase();
        var customers = new CustomerDirectory(temp.Database);
        customers.SaveAll(
        [
            new CustomerRow { Account = "A-1", Name = "Ada Lovelace", Numbers = "+445550101" },
            new CustomerRow { Account = "B-2", Name = "Bob", Numbers = "5550202,5550203" },
        ]);

        var found = customers.Search(search);

        Assert.Equal([account], found.Select(c => c.Account));
        Assert.Equal(2, customers.Search("  ").Count);
        Assert.Equal("B-2", customers.FindByNumber("555-0203")?.Account);
    }
}
