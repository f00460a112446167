namespace Appliance.Storage.Web;

public sealed partial class WebStore
{
    private const string AdminRole = "admin";

    /// <summary>
    /// Adds or replaces a user from the users form, refusing in the same transaction to turn
    /// the last admin into something else, so two admins demoting each other at once cannot
    /// both succeed.
    /// </summary>
    public UserChange SaveUserKeepingAnAdmin(UserRow user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _database.Run(db =>
        {
            var outcome = UserChange.Added;
            db.RunInTransaction(() =>
            {
                var existing = db.Find<UserRow>(user.Name);
                if (existing is not null && LosesLastAdmin(db, existing, user.Role))
                {
                    outcome = UserChange.LastAdmin;
                    return;
                }

                db.InsertOrReplace(user);
                outcome = existing is null ? UserChange.Added : UserChange.Changed;
            });
            return outcome;
        });
    }

    /// <summary>Removes a user unless it is the last admin, in one transaction.</summary>
    public UserChange DeleteUserKeepingAnAdmin(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _database.Run(db =>
        {
            var outcome = UserChange.NotFound;
            db.RunInTransaction(() =>
            {
                var existing = db.Find<UserRow>(name);
                if (existing is null)
                {
                    return;
                }

                if (LosesLastAdmin(db, existing, newRole: null))
                {
                    outcome = UserChange.LastAdmin;
                    return;
                }

                db.Delete<UserRow>(name);
                outcome = UserChange.Deleted;
            });
            return outcome;
        });
    }

    /// <summary>Gives a user a new security stamp, ending every session issued before.</summary>
    public void RenewSecurityStamp(string name, string stamp)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(stamp);
        _database.Run(db => db.Execute("UPDATE WebUser SET SecurityStamp = ? WHERE Name = ?", stamp, name));
    }

    /// <summary>Adds an API token unless one of that name exists.</summary>
    /// <returns>False when the name is taken and nothing was written.</returns>
    public bool TryAddToken(ApiTokenRow token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _database.Run(db =>
        {
            var added = false;
            db.RunInTransaction(() =>
            {
                if (db.Find<ApiTokenRow>(token.Name) is null)
                {
                    db.Insert(token);
                    added = true;
                }
            });
            return added;
        });
    }

    /// <summary>Revokes an API token; false when none has that name.</summary>
    public bool DeleteToken(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _database.Run(db => db.Delete<ApiTokenRow>(name) > 0);
    }

    private static bool LosesLastAdmin(SQLite.SQLiteConnection db, UserRow existing, string? newRole) =>
        existing.Role == AdminRole
        && newRole != AdminRole
        && db.Table<UserRow>().Count(u => u.Role == AdminRole) <= 1;
}
