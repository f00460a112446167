using Appliance.Storage.Rows;

namespace Appliance.Storage.Web;

/// <summary>The admin pages' row-by-row edits of the routing configuration.</summary>
public sealed partial class WebStore
{
    public IReadOnlyList<TrunkRow> Trunks() => _database.Trunks();

    public IReadOnlyList<DidRow> Dids() =>
        _database.Run(db => db.Table<DidRow>().OrderBy(d => d.Number).ToList());

    public IReadOnlyList<QueueRow> QueueRows() =>
        _database.Run(db => db.Table<QueueRow>().OrderBy(q => q.Name).ToList());

    public IReadOnlyList<QueueMemberRow> Members() =>
        _database.Run(db => db.Table<QueueMemberRow>().OrderBy(m => m.Id).ToList());

    /// <summary>Every agent's skills (table <c>AgentSkill</c>), by agent and then as entered.</summary>
    public IReadOnlyList<AgentSkillRow> AgentSkills() =>
        _database.Run(db => db.Table<AgentSkillRow>().ToList()
            .OrderBy(k => k.AgentId, StringComparer.Ordinal)
            .ThenBy(k => k.Id)
            .ToList());

    public IReadOnlyList<NotReadyReasonRow> NotReadyReasons() =>
        _database.Run(db => db.Table<NotReadyReasonRow>().OrderBy(r => r.Code).ToList());

    /// <summary>Deletes the row of type <typeparamref name="T"/> with that primary key.</summary>
    /// <returns>False when there was none.</returns>
    public bool DeleteRouting<T>(object primaryKey)
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        return _database.Run(db => db.Delete<T>(primaryKey)) > 0;
    }

    /// <summary>Sets the queues an agent is a member of, in that order, in one transaction.</summary>
    public void ReplaceMembers(string agentId, IEnumerable<string> queues)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(queues);
        _database.Run(db =>
        {
            db.RunInTransaction(() =>
            {
                db.Execute("DELETE FROM QueueMember WHERE AgentId = ?", agentId);
                foreach (var queue in queues)
                {
                    db.Insert(new QueueMemberRow { Queue = queue, AgentId = agentId });
                }
            });
            return 0;
        });
    }

    /// <summary>
    /// Sets an agent's skills and levels, in that order, in one transaction; an empty list takes
    /// every skill away. Levels are not checked here: the routing reload refuses one outside 1-10.
    /// </summary>
    public void ReplaceSkills(string agentId, IEnumerable<(string Skill, int Level)> skills)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(skills);
        _database.Run(db =>
        {
            db.RunInTransaction(() =>
            {
                db.Execute("DELETE FROM AgentSkill WHERE AgentId = ?", agentId);
                foreach (var (skill, level) in skills)
                {
                    db.Insert(new AgentSkillRow { AgentId = agentId, Skill = skill, Level = level });
                }
            });
            return 0;
        });
    }

    /// <summary>Deletes a queue with its memberships in one transaction.</summary>
    public bool DeleteQueue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _database.Run(db =>
        {
            var deleted = 0;
            db.RunInTransaction(() =>
            {
                db.Execute("DELETE FROM QueueMember WHERE Queue = ?", name);
                deleted = db.Delete<QueueRow>(name);
            });
            return deleted > 0;
        });
    }
}
