namespace Appliance.CallCenter.Dialer;

/// <summary>Why a CSV row did not become a contact.</summary>
public enum ContactRejection
{
    /// <summary>The header lacks a required column (id, phone or timezone); nothing is imported.</summary>
    MissingColumn,

    /// <summary>The row has more or fewer fields than the header (RFC 4180 §2.4).</summary>
    FieldCount,

    /// <summary>A quote is unbalanced or stray (RFC 4180 §2.5 and §2.7).</summary>
    MalformedQuoting,

    /// <summary>The id cell is empty.</summary>
    MissingId,

    /// <summary>Another row already has this id.</summary>
    DuplicateId,

    /// <summary>The phone cell is not a number <see cref="PhoneNumber"/> accepts.</summary>
    InvalidPhoneNumber,

    /// <summary>Another row already has this number.</summary>
    DuplicatePhoneNumber,

    /// <summary>The timezone cell is not an IANA zone id this system knows.</summary>
    UnknownTimeZone,
}
