using Appliance.Drivers.Cards;
using Appliance.Telephony.Trunks;

namespace Appliance.Service.Hosting;

/// <summary>
/// What <see cref="PstnTrunks.Prepare"/> checked and opened before the box was made: the card
/// (null for modules alone), owned by whoever starts the gateway, and the trunk router.
/// </summary>
internal sealed class PstnPlan(TelephonyCard? card, TrunkRouter router)
{
    public TelephonyCard? Card { get; } = card;

    public TrunkRouter Router { get; } = router;

    public IReadOnlyList<CardPort> CardPorts => Card?.Ports() ?? [];
}
