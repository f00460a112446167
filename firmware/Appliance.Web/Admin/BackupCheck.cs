using System.Globalization;
using Appliance.Storage.Rows;
using Appliance.Storage.Web;
using Appliance.Web.Api;

namespace Appliance.Web.Admin;

/// <summary>
/// Checks a backup file with the admin forms' field checks before a restore changes anything:
/// extension numbers, DIDs and names as the forms take them, keys that must be unique, and
/// members, skills and DIDs that must point to an extension, queue or menu of the same file.
/// Fields are named as in the file (<c>reasons[1].code</c>).
/// </summary>
internal static class BackupCheck
{
    public static FieldErrors Check(ConfigurationBackup backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        var errors = new FieldErrors();
        var extensions = Unique(errors, "extensions", "number", backup.Extensions, e => e.Number);
        for (var i = 0; i < Count(backup.Extensions); i++)
        {
            Validators.Extension(errors, $"extensions[{i}].number", backup.Extensions[i].Number ?? "");
        }

        var queues = Unique(errors, "queues", "name", backup.Queues, q => q.Name);
        for (var i = 0; i < Count(backup.Queues); i++)
        {
            var name = backup.Queues[i].Name ?? "";
            errors.Required($"queues[{i}].name", name, 40);
            Validators.Name(errors, $"queues[{i}].name", name);
        }

        var menus = Unique(errors, "menus", "name", backup.Menus, m => m.Name);
        Unique(errors, "trunks", "name", backup.Trunks, t => t.Name);
        Unique(errors, "dids", "number", backup.Dids, d => d.Number);
        for (var i = 0; i < Count(backup.Dids); i++)
        {
            var did = backup.Dids[i];
            Validators.Did(errors, $"dids[{i}].number", did.Number ?? "");
            var targets = did.TargetKind switch
            {
                DidRow.QueueTarget => queues,
                DidRow.IvrTarget => menus,
                _ => null,
            };
            if (targets is not null && !targets.Contains(did.TargetName ?? ""))
            {
                errors.Add($"dids[{i}].targetName", $"'{did.TargetName}' is not a {did.TargetKind} of this file");
            }
        }

        for (var i = 0; i < Count(backup.Members); i++)
        {
            var member = backup.Members[i];
            Refers(errors, $"members[{i}].agentId", member.AgentId, extensions, "an extension");
            Refers(errors, $"members[{i}].queue", member.Queue, queues, "a queue");
        }

        if (backup.Version < 2)
        {
            return errors;
        }

        for (var i = 0; i < Count(backup.Skills); i++)
        {
            Refers(errors, $"skills[{i}].agentId", backup.Skills[i].AgentId, extensions, "an extension");
            Validators.Skill(errors, $"skills[{i}].skill", backup.Skills[i].Skill ?? "");
        }

        Unique(errors, "reasons", "code", backup.Reasons, r => r.Code.ToString(CultureInfo.InvariantCulture));
        Unique(errors, "dispositions", "code", backup.Dispositions, d => d.Code);
        Unique(errors, "schedules", "name", backup.Schedules, s => s.Name);
        return errors;
    }

    private static int Count<T>(List<T>? rows) => rows?.Count ?? 0;

    private static void Refers(FieldErrors errors, string field, string? value, HashSet<string> known, string what)
    {
        if (!known.Contains(value ?? ""))
        {
            errors.Add(field, $"'{value}' is not {what} of this file");
        }
    }

    // The keys of one table; a repeated key is named at its second row.
    private static HashSet<string> Unique<T>(
        FieldErrors errors, string table, string field, List<T>? rows, Func<T, string?> key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Count(rows); i++)
        {
            var value = key(rows![i]) ?? "";
            if (!seen.Add(value))
            {
                errors.Add($"{table}[{i}].{field}", $"'{value}' appears twice in {table}");
            }
        }

        return seen;
    }
}
