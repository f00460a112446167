namespace Appliance.Telephony.Trunks;

/// <summary>Which of the lines <see cref="TrunkPlan"/> reads a mistake is in.</summary>
public enum TrunkPlanSetting
{
    /// <summary>The trunk groups of card ports (<c>name=port,port; ...</c>).</summary>
    Groups,

    /// <summary>The outbound routes (<c>prefix=group,group; ...</c>).</summary>
    Routes,

    /// <summary>The group a port names itself (a GSM module's own group setting).</summary>
    PortGroup,

    /// <summary>The SIP trunks routes may name as groups.</summary>
    SipTrunks,
}
