namespace Appliance.Web.Security;

/// <summary>How a login attempt ended.</summary>
public enum LoginResult
{
    Accepted,

    /// <summary>No such user or a wrong password (the two are not told apart to the client).</summary>
    Refused,

    /// <summary>Too many wrong passwords in a row: refused until the lock-out ends.</summary>
    LockedOut,

    /// <summary>A demo account tried from another machine than the box itself.</summary>
    LoopbackOnly,
}
