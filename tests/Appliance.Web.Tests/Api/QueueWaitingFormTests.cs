using Appliance.Storage.Rows;
using Appliance.Web.Api;

namespace Appliance.Web.Tests.Api;

public sealed class QueueWaitingFormTests
{
    private static readonly HashSet<string> s_prompts = ["comfort", "hold"];

    [Fact]
    public void AFullFormIsWrittenAsTheColumnsTheQueueReads()
    {
        var row = new QueueRow { Name = "sales" };
        var errors = new FieldErrors();

        QueueWaitingForm.Apply(errors, Form("30", "comfort", "45", "#"), row, s_prompts);

        Assert.False(errors.Any, errors.Summary);
        Assert.Equal(30, row.AnnounceEverySeconds);
        Assert.Equal("comfort", row.ComfortPrompt);
        Assert.Equal(45, row.ComfortEverySeconds);
        Assert.Equal("#", row.CallbackKey);
        Assert.Equal("announce every 30 s, comfort comfort every 45 s, callback key #", QueueWaitingForm.Describe(row));
    }

    [Fact]
    public void EmptyAndZeroFieldsTurnTheMessagesAndTheKeyOff()
    {
        var row = StoredRow();
        var errors = new FieldErrors();

        QueueWaitingForm.Apply(errors, Form("0", "", "", ""), row, s_prompts);

        Assert.False(errors.Any, errors.Summary);
        Assert.Equal(0, row.AnnounceEverySeconds);
        Assert.Null(row.ComfortPrompt);
        Assert.Equal(0, row.ComfortEverySeconds);
        Assert.Null(row.CallbackKey);
    }

    [Fact]
    public void FieldsLeftOutOfTheRequestKeepTheStoredColumns()
    {
        var row = StoredRow();
        var errors = new FieldErrors();

        QueueWaitingForm.Apply(errors, Form(null, null, null, null), row, s_prompts);

        Assert.False(errors.Any, errors.Summary);
        Assert.Equal((60, "comfort", 20, "9"),
            (row.AnnounceEverySeconds, row.ComfortPrompt, row.ComfortEverySeconds, row.CallbackKey));
    }

    [Theory]
    [InlineData("5", "", "", "", "announceEverySeconds", "is not 0 (off) or a whole number from 10 to 600")]
    [InlineData("601", "", "", "", "announceEverySeconds", "is not 0 (off) or a whole number from 10 to 600")]
    [InlineData("abc", "", "", "", "announceEverySeconds", "is not 0 (off) or a whole number from 10 to 600")]
    [InlineData("", "comfort", "9", "", "comfortEverySeconds", "is not 0 (off) or a whole number from 10 to 600")]
    [InlineData("", "nosuch", "30", "", "comfortPrompt", "prompt 'nosuch' does not exist")]
    [InlineData("", "../etc", "30", "", "comfortPrompt", "may hold only letters")]
    [InlineData("", "comfort", "0", "", "comfortEverySeconds", "choose how often it plays")]
    [InlineData("", "", "30", "", "comfortPrompt", "name the prompt it plays")]
    [InlineData("", "", "", "99", "callbackKey", "'99' is not one key 0-9, * or #")]
    [InlineData("", "", "", "a", "callbackKey", "'a' is not one key 0-9, * or #")]
    public void ABadValueIsRefusedNamingItsField(
        string announce,
        string comfort,
        string comfortEvery,
        string key,
        string field,
        string message)
    {
        var errors = new FieldErrors();

        var form = Form(announce, comfort, comfortEvery, key);

        QueueWaitingForm.Apply(errors, form, new QueueRow { Name = "sales" }, s_prompts);

        Assert.Equal(field, errors.FirstField);
        Assert.Contains(message, errors.Summary, StringComparison.Ordinal);
    }

    private static QueueRow StoredRow() => new()
    {
        Name = "sales", AnnounceEverySeconds = 60, ComfortPrompt = "comfort", ComfortEverySeconds = 20,
        CallbackKey = "9",
    };

    private static QueueRequest Form(string? announce, string? comfort, string? comfortEvery, string? key) =>
        new("sales", null, null, null, null, null, AnnounceEverySeconds: announce, ComfortPrompt: comfort,
            ComfortEverySeconds: comfortEvery, CallbackKey: key);
}
