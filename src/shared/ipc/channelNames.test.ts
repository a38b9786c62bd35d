import { channelNames, eventNames } from './channelNames';
import { contract, events } from './contract';

describe('plain channel lists for the preload', () => {
  it('name exactly the channels of the contract', () => {
    expect([...channelNames].sort()).toEqual(Object.keys(contract).sort());
  });

  it('name exactly the events of the contract', () => {
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort());
  });
});
