using Appliance.CallCenter.Dialer;

namespace Appliance.CallCenter.Tests.Dialer;

public sealed class ContactCsvImporterTests
{
    private const string Header = "id,phone,timezone,name,account\r\n";

    private static ContactImportResult Import(string csv, DoNotCallList? dnc = null)
        => ContactCsvImporter.Import(new StringReader(csv), dnc);

    [Fact]
    public void GoodRowsBecomeContactsWithNormalisedNumbersAndExtraFields()
    {
        var csv = Header
            + "c1,+1 (212) 555-0100,America/New_York,\"Doe, Jane\",A-1\r\n"
            + "c2,020 7946 0000,Europe/London,\"Says \"\"hi\"\"\",B-2\n";

        var result = Import(csv);

        Assert.Empty(result.Rejected);
        Assert.Equal(2, result.RowCount);
        var jane = result.Contacts.Find("c1")!;
        Assert.Equal("+12125550100", jane.PhoneNumber);
        Assert.Equal("Doe, Jane", jane.Name);
        Assert.Equal("America/New_York", jane.TimeZone.Id);
        Assert.Equal("A-1", jane.Fields["account"]);
        Assert.Equal("Says \"hi\"", result.Contacts.Find("c2")!.Name);
        Assert.Equal("02079460000", result.Contacts.Find("c2")!.PhoneNumber);
    }

    [Fact]
    public void QuotedFieldMaySpanLinesAndLaterRowsKeepTheirPhysicalLineNumbers()
    {
        var csv = Header
            + "c1,+12125550100,America/New_York,\"two\r\nlines\",x\r\n"
            + "c2,bad,America/New_York,n,x\r\n";

        var result = Import(csv);

        Assert.Equal("two\r\nlines", result.Contacts.Find("c1")!.Name);
        Assert.Equal(4, Assert.Single(result.Rejected).LineNumber);
    }

    [Theory]
    [InlineData("c1,+12125550100,America/New_York,n\r\n", ContactRejection.FieldCount)]
    [InlineData("c1,+12125550100,America/New_York,n,x,extra\r\n", ContactRejection.FieldCount)]
    [InlineData("c1,+1212\"5550100,America/New_York,n,x\r\n", ContactRejection.MalformedQuoting)]
    [InlineData("c1,\"+12125550100\"x,America/New_York,n,x\r\n", ContactRejection.MalformedQuoting)]
    [InlineData(" ,+12125550100,America/New_York,n,x\r\n", ContactRejection.MissingId)]
    [InlineData("c1,+1212555O100,America/New_York,n,x\r\n", ContactRejection.InvalidPhoneNumber)]
    [InlineData("c1,12345,America/New_York,n,x\r\n", ContactRejection.InvalidPhoneNumber)]
    [InlineData("c1,+1234567890123456,America/New_York,n,x\r\n", ContactRejection.InvalidPhoneNumber)]
    [InlineData("c1,+0212555010,America/New_York,n,x\r\n", ContactRejection.InvalidPhoneNumber)]
    [InlineData("c1,,America/New_York,n,x\r\n", ContactRejection.InvalidPhoneNumber)]
    [InlineData("c1,+12125550100,Mars/Olympus_Mons,n,x\r\n", ContactRejection.UnknownTimeZone)]
    [InlineData("c1,+12125550100,Eastern Standard Time,n,x\r\n", ContactRejection.UnknownTimeZone)]
    [InlineData("c1,+12125550100,,n,x\r\n", ContactRejection.UnknownTimeZone)]
    public void BadRowIsReportedWithItsLineAndReason(string row, ContactRejection reason)
    {
        var csv = Header + "ok,+442079460000,Europe/London,n,x\r\n" + row;

        var result = Import(csv);

        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(3, rejected.LineNumber);
        Assert.Equal(reason, rejected.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Detail));
        Assert.Equal(["ok"], result.Contacts.Select(c => c.Id));
    }

    [Fact]
    public void RepeatedIdAndRepeatedNumberAreRejectedAndTheFirstRowKept()
    {
        var csv = Header
            + "c1,+12125550100,America/New_York,first,x\r\n"
            + "c1,+12125550199,America/New_York,same id,x\r\n"
            + "c3,+1 212 555 0100,America/New_York,same number,x\r\n";

        var result = Import(csv);

        Assert.Equal(
            [(3, ContactRejection.DuplicateId), (4, ContactRejection.DuplicatePhoneNumber)],
            result.Rejected.Select(r => (r.LineNumber, r.Reason)));
        Assert.Equal("first", Assert.Single(result.Contacts).Name);
    }

    [Fact]
    public void UnclosedQuoteRejectsTheRestOfTheFile()
    {
        var csv = Header + "c1,\"+12125550100,America/New_York,n,x\r\nc2,+12125550101,America/New_York,n,x\r\n";

        var result = Import(csv);

        var rejected = Assert.Single(result.Rejected);
        Assert.Equal((2, ContactRejection.MalformedQuoting), (rejected.LineNumber, rejected.Reason));
        Assert.Empty(result.Contacts);
    }

    [Fact]
    public void HeaderWithoutARequiredColumnImportsNothing()
    {
        var result = Import("id,name\r\nc1,Jane\r\n");

        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(ContactRejection.MissingColumn, rejected.Reason);
        Assert.Contains("phone", rejected.Detail, StringComparison.Ordinal);
        Assert.Contains("timezone", rejected.Detail, StringComparison.Ordinal);
        Assert.Empty(result.Contacts);
    }

    [Fact]
    public void HeaderNamesIgnoreCaseAndBlankLinesAreSkipped()
    {
        var result = Import(" Phone ,TimeZone,ID\r\n\r\n+12125550100,America/Chicago,c1\r\n\r\n");

        Assert.Empty(result.Rejected);
        Assert.Equal(1, result.RowCount);
        Assert.Equal("America/Chicago", result.Contacts.Find("c1")!.TimeZone.Id);
    }

    [Fact]
    public void NumbersOnTheDoNotCallListAreImportedButMarkedNeverToDial()
    {
        var dnc = new DoNotCallList();
        dnc.Add("+1-212-555-0100");

        var result = Import(Header + "c1,+12125550100,America/New_York,n,x\r\n", dnc);

        Assert.Equal(ContactStatus.DoNotCall, Assert.Single(result.Contacts).Status);
    }
}
