using Appliance.Storage.Rows;
using Appliance.Web.Api;

namespace Appliance.Web.Tests.Api;

public sealed class QueueRulesFormTests
{
    private static readonly HashSet<string> s_queues = ["sales", "support"];
    private static readonly HashSet<string> s_extensions = ["1001", "1002"];

    [Fact]
    public void AFullFormIsWrittenAsTheColumnsTheAcdReads()
    {
        var row = new QueueRow { Name = "sales" };
        var errors = new FieldErrors();

        QueueRulesForm.Apply(errors, Form(
            requiredSkill: "french", requiredLevel: "7", widen: "30", overflowAfter: "45", overflowWaiting: "10",
            overflowTo: "queue", overflowTarget: "support", maxWait: "600", maxWaitExit: "voicemail",
            maxWaitTarget: "1002", refuseWhen: "none-ready", leaveWhen: "never"), row, s_queues, s_extensions);

        Assert.False(errors.Any, errors.Summary);
        Assert.Equal("french", row.RequiredSkill);
        Assert.Equal(7, row.RequiredLevel);
        Assert.Equal(30, row.WidenLevelEverySeconds);
        Assert.Equal(45, row.OverflowAfterSeconds);
        Assert.Equal(10, row.OverflowWhenWaiting);
        Assert.Equal("queue:support", row.OverflowTo);
        Assert.Equal(600, row.MaxWaitSeconds);
        Assert.Equal("voicemail:1002", row.MaxWaitExit);
        Assert.Equal("none-ready", row.RefuseWhen);
        Assert.Equal("never", row.LeaveWhen);
    }

    [Fact]
    public void EmptyFieldsTurnTheRulesOff()
    {
        var row = new QueueRow
        {
            Name = "sales", RequiredSkill = "french", RequiredLevel = 5, OverflowAfterSeconds = 9,
            OverflowTo = "callback", MaxWaitSeconds = 60, MaxWaitExit = "external:5550100",
        };
        var errors = new FieldErrors();

        QueueRulesForm.Apply(errors, Form(
            requiredSkill: "", requiredLevel: "", widen: "", overflowAfter: "0", overflowWaiting: "",
            overflowTo: "", overflowTarget: "", maxWait: "0", maxWaitExit: "hangup", maxWaitTarget: "",
            refuseWhen: "", leaveWhen: ""), row, s_queues, s_extensions);

        Assert.False(errors.Any, errors.Summary);
        Assert.Null(row.RequiredSkill);
        Assert.Equal(1, row.RequiredLevel);
        Assert.Equal(0, row.OverflowAfterSeconds);
        Assert.Null(row.OverflowTo);
        Assert.Equal(0, row.MaxWaitSeconds);
        Assert.Null(row.MaxWaitExit);
        Assert.Null(row.RefuseWhen);
    }

    [Fact]
    public void FieldsLeftOutOfTheRequestKeepTheStoredRules()
    {
        var row = new QueueRow { Name = "sales", RequiredSkill = "french", OverflowAfterSeconds = 9, OverflowTo = "callback" };
        var errors = new FieldErrors();

        QueueRulesForm.Apply(errors, new QueueRequest("sales", null, null, null, null, null), row, s_queues, s_extensions);

        Assert.False(errors.Any, errors.Summary);
        Assert.Equal("french", row.RequiredSkill);
        Assert.Equal(9, row.OverflowAfterSeconds);
        Assert.Equal("callback", row.OverflowTo);
    }

    [Theory]
    [InlineData("requiredSkill", "fr ench", "may hold only letters")]
    [InlineData("requiredLevel", "11", "from 1 to 10")]
    [InlineData("requiredLevel", "0", "from 1 to 10")]
    [InlineData("widenLevelEverySeconds", "-5", "from 0 to 3600")]
    [InlineData("overflowAfterSeconds", "3601", "from 0 to 3600")]
    [InlineData("overflowWhenWaiting", "x", "from 0 to 500")]
    [InlineData("maxWaitSeconds", "99999", "from 0 to 7200")]
    [InlineData("overflowTarget", "sales", "cannot send calls to itself")]
    [InlineData("overflowTarget", "billing", "queue 'billing' does not exist")]
    [InlineData("overflowTo", "fax", "'fax' is not one of")]
    [InlineData("maxWaitTarget", "1009", "mailbox '1009' is no extension")]
    [InlineData("refuseWhen", "sometimes", "'sometimes' is not one of never")]
    public void ABadValueIsRefusedUnderItsField(string field, string value, string message)
    {
        var form = Form(
            requiredSkill: "french", requiredLevel: "3", widen: "0", overflowAfter: "30", overflowWaiting: "0",
            overflowTo: "queue", overflowTarget: "support", maxWait: "0", maxWaitExit: "voicemail", maxWaitTarget: "1001",
            refuseWhen: "never", leaveWhen: "never");
        form = field switch
        {
            "requiredSkill" => form with { RequiredSkill = value },
            "requiredLevel" => form with { RequiredLevel = value },
            "widenLevelEverySeconds" => form with { WidenLevelEverySeconds = value },
            "overflowAfterSeconds" => form with { OverflowAfterSeconds = value },
            "overflowWhenWaiting" => form with { OverflowWhenWaiting = value },
            "maxWaitSeconds" => form with { MaxWaitSeconds = value },
            "overflowTarget" => form with { OverflowTarget = value },
            "overflowTo" => form with { OverflowTo = value },
            "maxWaitTarget" => form with { MaxWaitTarget = value },
            _ => form with { RefuseWhen = value },
        };
        var errors = new FieldErrors();

        QueueRulesForm.Apply(errors, form, new QueueRow { Name = "sales" }, s_queues, s_extensions);

        Assert.Equal(field, errors.FirstField);
        Assert.Contains(message, errors.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOverflowRuleWithoutAPlaceToGoNamesTheOverflowField()
    {
        var errors = new FieldErrors();

        QueueRulesForm.Apply(errors, Form(
            requiredSkill: "", requiredLevel: "", widen: "", overflowAfter: "", overflowWaiting: "5",
            overflowTo: "", overflowTarget: "", maxWait: "", maxWaitExit: "", maxWaitTarget: "",
            refuseWhen: "", leaveWhen: ""), new QueueRow { Name = "sales" }, s_queues, s_extensions);

        Assert.Equal("overflowTo", errors.FirstField);
    }

    [Fact]
    public void AnExternalOverflowNeedsADialledNumber()
    {
        var errors = new FieldErrors();
        var row = new QueueRow { Name = "sales" };

        QueueRulesForm.Apply(errors, Form(
            requiredSkill: "", requiredLevel: "", widen: "", overflowAfter: "20", overflowWaiting: "",
            overflowTo: "external", overflowTarget: "+3312345678", maxWait: "", maxWaitExit: "", maxWaitTarget: "",
            refuseWhen: "", leaveWhen: ""), row, s_queues, s_extensions);
        var bad = new FieldErrors();
        QueueRulesForm.Apply(bad, Form(
            requiredSkill: "", requiredLevel: "", widen: "", overflowAfter: "20", overflowWaiting: "",
            overflowTo: "external", overflowTarget: "", maxWait: "", maxWaitExit: "", maxWaitTarget: "",
            refuseWhen: "", leaveWhen: ""), new QueueRow { Name = "sales" }, s_queues, s_extensions);

        Assert.False(errors.Any, errors.Summary);
        Assert.Equal("external:+3312345678", row.OverflowTo);
        Assert.Equal("overflowTarget", bad.FirstField);
        Assert.False(bad.Has("overflowTo"));
    }

    private static QueueRequest Form(
        string requiredSkill,
        string requiredLevel,
        string widen,
        string overflowAfter,
        string overflowWaiting,
        string overflowTo,
        string overflowTarget,
        string maxWait,
        string maxWaitExit,
        string maxWaitTarget,
        string refuseWhen,
        string leaveWhen) =>
        new("sales", null, null, null, null, null, requiredSkill, requiredLevel, widen, overflowAfter, overflowWaiting,
            overflowTo, overflowTarget, maxWait, maxWaitExit, maxWaitTarget, refuseWhen, leaveWhen);
}
