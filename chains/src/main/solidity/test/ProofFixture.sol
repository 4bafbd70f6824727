// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A contract with known storage, deployed on anvil by the Ethereum integration tests so that
/// an account proof and storage proofs can be checked against a verified state root.
contract ProofFixture {
    uint256 public small;              // slot 0
    uint256 public large;              // slot 1
    mapping(address => uint256) public credit; // slot 2 (values at keccak256(key, 2))

    constructor(uint256 smallValue, uint256 largeValue) {
        small = smallValue;
        large = largeValue;
        credit[msg.sender] = 7;
    }

    function setSmall(uint256 value) external {
        small = value;
    }
}
