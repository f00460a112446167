using Appliance.Storage.Rows;
using Appliance.Storage.Web;
using Appliance.Web.Admin;

namespace Appliance.Web.Tests.Admin;

public sealed class BackupCheckTests
{
    private static ConfigurationBackup Good() => new()
    {
        Extensions = [new ExtensionRow { Number = "2001" }, new ExtensionRow { Number = "2002" }],
        Queues = [new QueueRow { Name = "support" }],
        Members = [new QueueMemberRow { Queue = "support", AgentId = "2001" }],
        Dids = [new DidRow { Number = "5550100", TargetKind = DidRow.QueueTarget, TargetName = "support" }],
        Reasons =
        [
            new NotReadyReasonRow { Code = 1, Name = "break" },
            new NotReadyReasonRow { Code = 2, Name = "lunch" },
        ],
    };

    [Fact]
    public void AConsistentBackupPasses()
    {
        Assert.False(BackupCheck.Check(Good()).Any);
    }

    [Fact]
    public void ARepeatedReasonCodeIsNamedAtItsSecondRow()
    {
        var backup = Good();
        backup.Reasons[1].Code = 1;

        var errors = BackupCheck.Check(backup);

        Assert.True(errors.Has("reasons[1].code"));
        Assert.False(errors.Has("reasons[0].code"));
    }

    [Fact]
    public void MembersAndDidsMustPointIntoTheFile()
    {
        var backup = Good();
        backup.Extensions = [];
        backup.Dids[0].TargetName = "sales";

        var errors = BackupCheck.Check(backup);

        Assert.True(errors.Has("members[0].agentId"));
        Assert.True(errors.Has("dids[0].targetName"));
        Assert.Contains("'2001' is not an extension of this file", errors.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExtensionNumberIsCheckedAsTheAdminFormChecksIt()
    {
        var backup = Good();
        backup.Extensions[1].Number = "abc";

        var errors = BackupCheck.Check(backup);

        Assert.True(errors.Has("extensions[1].number"));
        Assert.Contains("'abc' is not an extension number", errors.Summary, StringComparison.Ordinal);
    }
}
