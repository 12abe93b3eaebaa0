using System.Buffers;
using AqNano.Protocol;
using AqNano.Verifier.App.Broker;
using AqNano.Verifier.App.Tests.Support;
using MQTTnet;

namespace AqNano.Verifier.App.Tests.Broker;

/// <summary>DESIGN.md "Ownership (embedded broker)" with real MQTTnet clients over loopback TCP.</summary>
public sealed class OwnershipTests
{
    [Fact]
    public async Task The_connection_that_delivers_the_genesis_owns_the_device_and_its_decision_is_retained()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(1);
        await using var device = await broker.DeviceAsync();

        var ack = await device.PublishAsync(board.ObsTopic, board.NextFrame());

        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, ack.ReasonCode); // forwarded: nobody but the verifier reads obs
        Assert.Equal(device.Client.Options.ClientId, broker.Broker.Rules.Owners.Owner(board.DeviceId)!.ClientId);
        await broker.Broker.FlushDecisionsAsync();
        await using var late = await broker.DeviceAsync();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await late.SubscribeAsync(board.DecisionTopic));
        var retained = await late.WaitForAsync(board.DecisionTopic);
        Assert.NotNull(retained);
        Assert.Equal(DecisionMode.AdmitRestricted, Decisions.Parse(retained!.Payload.ToArray()).Mode);
    }

    [Fact]
    public async Task A_non_owners_duplicate_or_garbage_is_dropped_and_counted_but_its_next_link_moves_ownership()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(2);
        await using var owner = await broker.DeviceAsync();
        byte[] genesis = board.NextFrame();
        await owner.PublishAsync(board.ObsTopic, genesis);
        await using var other = await broker.DeviceAsync();

        var duplicate = await other.PublishAsync(board.ObsTopic, genesis);
        var garbage = await other.PublishAsync(board.ObsTopic, [1, 2, 3]);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, duplicate.ReasonCode);
        Assert.Equal(1, broker.Metrics.Refusals(Refusal.NotOwner));
        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, garbage.ReasonCode);
        Assert.Equal(1, broker.Metrics.Refusals(Refusal.VerifierRefused));
        Assert.Equal(owner.Client.Options.ClientId, broker.Broker.Rules.Owners.Owner(board.DeviceId)!.ClientId);

        // The device reconnected under a fresh client id: its next link is accepted and ownership moves.
        var next = await other.PublishAsync(board.ObsTopic, board.NextFrame());
        Assert.True(next.IsSuccess || next.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers);
        Assert.Equal(other.Client.Options.ClientId, broker.Broker.Rules.Owners.Owner(board.DeviceId)!.ClientId);
    }

    [Fact]
    public async Task A_client_id_takeover_drops_the_owner_but_never_moves_ownership()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(3);
        await using var owner = await broker.DeviceAsync("board-3");
        await owner.PublishAsync(board.ObsTopic, board.NextFrame());
        Assert.NotNull(broker.Broker.Rules.Owners.Owner(board.DeviceId));

        await using var thief = await broker.DeviceAsync("board-3");
        var telemetry = await thief.PublishAsync(board.AppTopic("telemetry"), [42]);
        var subscription = await thief.SubscribeAsync(board.AppTopic("actuate"));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, telemetry.ReasonCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, subscription);
        Assert.Null(broker.Broker.Rules.Owners.Owner(board.DeviceId));
    }

    [Fact]
    public async Task A_takeover_that_resumes_the_owners_session_inherits_neither_ownership_nor_its_subscriptions()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(13, Scopes.All);
        await using var owner = await TestClient.ConnectAsync(broker.Port, "board-13", cleanSession: false);
        await owner.PublishAsync(board.ObsTopic, board.NextFrame());
        broker.Verifier.Reinstate(board.DeviceId, "alice", "grant everything");
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await owner.SubscribeAsync(board.AppTopic("actuate")));

        // Same client id, no clean start: MQTTnet hands the thief the owner's session (and its items).
        await using var thief = await TestClient.ConnectAsync(broker.Port, "board-13", cleanSession: false);
        Assert.True(thief.SessionPresent, "the scenario needs MQTTnet to resume the owner's session");
        var telemetry = await thief.PublishAsync(board.AppTopic("telemetry"), [1]);
        await using var controller = await broker.ControllerAsync();
        await controller.PublishAsync(board.AppTopic("actuate"), [7]);
        await Task.Delay(150);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, telemetry.ReasonCode);
        Assert.DoesNotContain(thief.Received, m => m.Topic == board.AppTopic("actuate"));
        Assert.Null(broker.Broker.Rules.Owners.Owner(board.DeviceId));
    }

    [Fact]
    public async Task A_frame_the_ledger_cannot_take_is_never_acknowledged_and_is_accepted_when_resent()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(14);
        byte[] genesis = board.NextFrame();
        broker.Verifier.FailNextAppend = true;
        await using var device = await broker.DeviceAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => device.PublishAsync(board.ObsTopic, genesis));

        Assert.Equal(1, broker.Metrics.Refusals(Refusal.LedgerUnavailable));
        Assert.Null(broker.Verifier.Device(board.DeviceId));
        Assert.Null(broker.Broker.Rules.Owners.Owner(board.DeviceId));
        await using var again = await broker.DeviceAsync();
        await again.PublishAsync(board.ObsTopic, genesis);
        Assert.Equal(DecisionMode.AdmitRestricted, broker.Verifier.Device(board.DeviceId)!.Mode);
    }

    [Fact]
    public async Task The_path_mode_of_each_connection_reaches_the_verifier()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var plainBoard = new TestBoard(4);
        var tlsBoard = new TestBoard(5);
        await using var plain = await broker.DeviceAsync();
        await using var tls = await broker.DeviceAsync(tls: true);

        await plain.PublishAsync(plainBoard.ObsTopic, plainBoard.NextFrame());
        await tls.PublishAsync(tlsBoard.ObsTopic, tlsBoard.NextFrame());

        var received = broker.Verifier.Received.ToArray();
        Assert.Equal(PathMode.Open, received.Single(f => f.Topic == plainBoard.ObsTopic).Path);
        Assert.Equal(PathMode.Confidential, received.Single(f => f.Topic == tlsBoard.ObsTopic).Path);
        Assert.NotEqual(received[0].Connection, received[1].Connection);
    }

    [Fact]
    public async Task A_clone_over_tls_is_forwarded_as_evidence_and_the_device_is_quarantined()
    {
        await using var broker = await BrokerHarness.StartAsync();
        var board = new TestBoard(6);
        await using var device = await broker.DeviceAsync(tls: true);
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        var clone = board.Clone(99);
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await using var cloneConnection = await broker.DeviceAsync(tls: true);

        var conflict = await cloneConnection.PublishAsync(board.ObsTopic, clone.NextFrame());

        Assert.NotEqual(MqttClientPublishReasonCode.NotAuthorized, conflict.ReasonCode);
        Assert.Equal(Verdict.Conflict, broker.Verifier.Judgements.Last().Verdict);
        await broker.Broker.FlushDecisionsAsync();
        await using var watcher = await broker.DeviceAsync();
        await watcher.SubscribeAsync(board.DecisionTopic);
        Assert.NotNull(await watcher.WaitForAsync(board.DecisionTopic, Decisions.WithMode(DecisionMode.Refused)));
        Assert.Equal(Scopes.Observe, broker.Verifier.GrantedScope(board.DeviceId));
    }
}
