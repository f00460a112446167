namespace Appliance.Storage.Web;

/// <summary>What <see cref="WebStore.SaveUserKeepingAnAdmin"/> or
/// <see cref="WebStore.DeleteUserKeepingAnAdmin"/> did.</summary>
public enum UserChange
{
    /// <summary>A user of that name did not exist and was added.</summary>
    Added,

    /// <summary>The user existed and was replaced.</summary>
    Changed,

    /// <summary>The user existed and was removed.</summary>
    Deleted,

    /// <summary>No user of that name exists; nothing was written.</summary>
    NotFound,

    /// <summary>The change would leave the box without an admin; nothing was written.</summary>
    LastAdmin,
}
