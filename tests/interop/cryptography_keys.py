#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes keys and certificates with python3-cryptography (code no one here wrote) and prints, for
# each, its PEM and what cryptography says it is, as one JSON object on stdout. The test
# (testkeymaterialcryptography.cpp) checks that Coffer's KeyMaterial reads the same facts. Nothing
# here is a secret: the keys are made fresh for each run and thrown away.
import datetime
import json

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

PKCS8 = dict(encoding=serialization.Encoding.PEM, format=serialization.PrivateFormat.PKCS8,
             encryption_algorithm=serialization.NoEncryption())
TRADITIONAL = dict(encoding=serialization.Encoding.PEM,
                   format=serialization.PrivateFormat.TraditionalOpenSSL,
                   encryption_algorithm=serialization.NoEncryption())


def spki(public_key):
    return public_key.public_bytes(serialization.Encoding.DER,
                                   serialization.PublicFormat.SubjectPublicKeyInfo).hex()


def public_pem(public_key):
    return public_key.public_bytes(serialization.Encoding.PEM,
                                   serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def certificate(key, common_name, issuer_name, issuer_key, not_after, dns_names):
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    builder = (x509.CertificateBuilder()
               .subject_name(subject)
               .issuer_name(issuer_name or subject)
               .public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(not_after - datetime.timedelta(days=365))
               .not_valid_after(not_after))
    if dns_names:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name) for name in dns_names]), critical=False)
    return builder.sign(issuer_key or key, hashes.SHA256())


cases = {}
rsa1024 = rsa.generate_private_key(public_exponent=65537, key_size=1024)
rsa2048 = rsa.generate_private_key(public_exponent=65537, key_size=2048)
rsa3072 = rsa.generate_private_key(public_exponent=65537, key_size=3072)
p256 = ec.generate_private_key(ec.SECP256R1())
p384 = ec.generate_private_key(ec.SECP384R1())
edkey = ed25519.Ed25519PrivateKey.generate()

cases["rsa1024-pkcs8"] = dict(pem=rsa1024.private_bytes(**PKCS8).decode(), type="RSA", bits=1024,
                              private=True, spki=spki(rsa1024.public_key()))
cases["rsa2048-traditional"] = dict(pem=rsa2048.private_bytes(**TRADITIONAL).decode(), type="RSA",
                                    bits=2048, private=True, spki=spki(rsa2048.public_key()))
cases["rsa3072-public"] = dict(pem=public_pem(rsa3072.public_key()), type="RSA", bits=3072,
                               private=False, spki=spki(rsa3072.public_key()))
cases["p256-pkcs8"] = dict(pem=p256.private_bytes(**PKCS8).decode(), type="EC", bits=256,
                           curve="prime256v1", private=True, spki=spki(p256.public_key()))
cases["p384-public"] = dict(pem=public_pem(p384.public_key()), type="EC", bits=384,
                            curve="secp384r1", private=False, spki=spki(p384.public_key()))
cases["ed25519-pkcs8"] = dict(pem=edkey.private_bytes(**PKCS8).decode(), type="Ed25519", bits=256,
                              private=True, spki=spki(edkey.public_key()))

now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
expired = certificate(p256, "expired.example", None, None, now - datetime.timedelta(days=3),
                      ["expired.example", "www.expired.example"])
cases["expired-certificate"] = dict(
    pem=expired.public_bytes(serialization.Encoding.PEM).decode(), certificate=True,
    commonName="expired.example", notAfter=expired.not_valid_after.isoformat() + "Z",
    dns=["expired.example", "www.expired.example"], type="EC", bits=256,
    spki=spki(p256.public_key()))

ca = certificate(rsa2048, "Example CA", None, None, now + datetime.timedelta(days=900), [])
leaf = certificate(p384, "api.example", ca.subject, rsa2048, now + datetime.timedelta(days=90),
                   ["api.example"])
chain = (leaf.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM)).decode()
cases["chain-in-order"] = dict(pem=chain, certificates=2, outOfOrder=False)
reversed_chain = (ca.public_bytes(serialization.Encoding.PEM) + leaf.public_bytes(serialization.Encoding.PEM)).decode()
cases["chain-out-of-order"] = dict(pem=reversed_chain, certificates=2, outOfOrder=True)

# A JWK's n and e (base64url, no padding) and the SPKI cryptography makes of them.
numbers = rsa2048.public_key().public_numbers()


def b64url(value):
    import base64
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


cases["jwk-rsa2048"] = dict(n=b64url(numbers.n), e=b64url(numbers.e), bits=2048,
                            spki=spki(rsa2048.public_key()))
print(json.dumps(cases))
