using AqNano.Verifier.Stores;

namespace AqNano.Lineage.Tests;

public sealed class InMemoryDeviceStateStoreTests : DeviceStateStoreContractTests
{
    protected override IDeviceStateStore Open() => new InMemoryDeviceStateStore();
}
