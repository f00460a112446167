namespace Appliance.Web.Live;

/// <summary>What became of an agent's disposition given through the CTI API.</summary>
public enum DispositionOutcome
{
    /// <summary>The wrap-up closed with the code (and the call-back, if one was asked).</summary>
    Given,

    NoSuchCampaign,

    /// <summary>The code is not one of the campaign's disposition codes.</summary>
    UnknownCode,

    /// <summary>No call of that contact (of that agent, for an agent) is in wrap-up now.</summary>
    NotInWrapUp,
}
