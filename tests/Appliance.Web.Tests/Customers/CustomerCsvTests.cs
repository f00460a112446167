using Appliance.Storage;
using Appliance.Storage.Customers;
using Appliance.Web.Customers;
using Serilog.Core;

namespace Appliance.Web.Tests.Customers;

/// <summary>The customer CSV import and export over a database file in a temporary folder.</summary>
public sealed class CustomerCsvTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("customers-").FullName;
    private readonly ApplianceDatabase _database;
    private readonly CustomerDirectory _customers;

    public CustomerCsvTests()
    {
        _database = ApplianceDatabase.Open(Path.Combine(_folder, "appliance.db"), Logger.None);
        _customers = new CustomerDirectory(_database);
    }

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("", "the file is empty: a header row is required")]
    [InlineData("number,name,email\r\n5550101,Ada\r\n", "column 'email' is not one of number, name, account, vip_priority, language")]
    [InlineData("Account,Name\r\nA-1,Ada\r\n", "the header lacks number")]
    [InlineData("number,Number,name\r\n", "column 'Number' is given twice")]
    public void AHeaderThatDoesNotReadRefusesTheWholeFileAsLineOne(string csv, string reason)
    {
        using var text = new StringReader(csv);

        var report = CustomerCsv.Import(text, _customers);

        var only = Assert.Single(report.Rejected);
        Assert.Equal(new RejectedCustomer(1, null, reason), only);
        Assert.Equal(0, report.Added);
        Assert.Empty(_customers.All());
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void AnExportedTableImportsBackAsUpdatesOfTheSameCustomers()
    {
        _customers.Save(new CustomerRow { Account = "A-1", Name = "Ada, Countess", Numbers = "+445550101,5550102", VipPriority = 7 });
        _customers.Save(new CustomerRow { Account = "B-2", Name = "Bob", Numbers = "5550202", Language = "zh" });
        var exported = CustomerCsv.Export(_customers.All());
        using var text = new StringReader(exported);

        var report = CustomerCsv.Import(text, _customers);

        Assert.Equal([new ImportedCustomer(2, "A-1"), new ImportedCustomer(3, "B-2")], report.Updated);
        Assert.Empty(report.Rejected);
        Assert.Equal(exported, CustomerCsv.Export(_customers.All()));
        Assert.Equal("A-1", _customers.FindByNumber("5550102")?.Account);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void ARowWithoutAnAccountGetsOneFromItsNumberThatNoOtherCustomerHas()
    {
        _customers.Save(new CustomerRow { Account = "C5550101", Name = "Taken", Numbers = "5559999" });
        using var text = new StringReader("name,number\r\nAda,555-0101\r\n");

        var report = CustomerCsv.Import(text, _customers);

        Assert.Equal(1, report.Added);
        Assert.Equal("C5550101-2", _customers.FindByNumber("5550101")?.Account);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void CellsTheExportGuardsAgainstSpreadsheetFormulasImportBackUnchanged()
    {
        _customers.Save(new CustomerRow { Account = "A-1", Name = "=HYPERLINK(1)", Numbers = "+445550101,+445550102" });
        _customers.Save(new CustomerRow { Account = "B-2", Name = "-Bob", Numbers = "5550202" });
        var exported = CustomerCsv.Export(_customers.All());
        using var text = new StringReader(exported);

        var report = CustomerCsv.Import(text, _customers);

        Assert.Contains("'=HYPERLINK(1)", exported, StringComparison.Ordinal);
        Assert.Empty(report.Rejected);
        Assert.Equal("=HYPERLINK(1)", _customers.FindByNumber("+445550102")?.Name);
        Assert.Equal("-Bob", _customers.FindByNumber("5550202")?.Name);
    }

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("555#0101,Ada", "numbers", "'555#0101' is not a telephone number")]
    [InlineData("+44+5550101,Ada", "numbers", "'+44+5550101' is not a telephone number")]
    [InlineData("*5550101,Ada", "numbers", "'*5550101' is not a telephone number")]
    [InlineData("5550101,Ada\u202Egnp.exe", "name", "may not hold control or text-direction characters")]
    public void ANumberTheLookupWouldChangeOrANameWithDirectionOverridesIsRefusedByField(
        string row, string field, string reason)
    {
        using var text = new StringReader("number,name\r\n" + row + "\r\n");

        var report = CustomerCsv.Import(text, _customers);

        var only = Assert.Single(report.Rejected);
        Assert.Equal((2, field), (only.Line, only.Field));
        Assert.Contains(reason, only.Reason, StringComparison.Ordinal);
        Assert.Empty(_customers.All());
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void ALineOfSpacesIsNoRow()
    {
        using var text = new StringReader("number,name\r\n5550101,Ada\r\n   \r\n");

        var report = CustomerCsv.Import(text, _customers);

        Assert.Equal((1, 1), (report.Rows, report.Added));
        Assert.Empty(report.Rejected);
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
