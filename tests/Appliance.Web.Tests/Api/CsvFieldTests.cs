using Appliance.Web.Api;

namespace Appliance.Web.Tests.Api;

public sealed class CsvFieldTests
{
    [Theory]
    [InlineData("5551234", "5551234")]
    [InlineData("+33123456", "+33123456")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("sales,support", "\"sales,support\"")]
    [InlineData(null, "")]
    public void FieldsAreQuotedAndFormulasDefused(string? value, string expected)
    {
        var escaped = CsvField.Escape(value);

        Assert.Equal(expected, escaped);
    }
}
