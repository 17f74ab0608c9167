/*
 * Apache Ratis 3.2.0 (gRPC transport, default metrics) as one explicit named module.
 *
 * Why: the Ratis jars have no module descriptors. ratis-server and ratis-server-api split five
 * packages between them (org.apache.ratis.server, .leader, .metrics, .raftlog, .storage), so they
 * cannot be two modules; "default" is a Java keyword, so ratis-metrics-default cannot even be an
 * automatic module; and jlink refuses automatic modules. The build unpacks the Ratis jars
 * (including the shaded gRPC, Netty, protobuf and Guava of ratis-thirdparty-misc) into this
 * module's classes, and this descriptor turns the result into one module.
 *
 * The exports are every package holding classes (seeded by `jdeps --generate-module-info`; the two
 * shaded jctools packages that hold only package-info are left out). Ratis code is a library for
 * the raft module's adapter, which decides what it exposes; this module does not curate.
 *
 * The `provides` mirror the META-INF/services files of the unpacked jars (a named module ignores
 * those files), except Netty's BlockHound integration, whose service type is not in the module.
 * jdeps emits no `uses`: each one below is a ServiceLoader call site inside the shaded code, and
 * a missing one fails with "ServiceConfigurationError: ... does not declare 'uses'".
 *
 * Consumers run with --enable-native-access=io.confman.ratis --sun-misc-unsafe-memory-access=allow
 * (shaded Netty loads a native transport and uses sun.misc.Unsafe).
 */
module io.confman.ratis {
    requires java.logging;
    requires java.management;
    requires java.naming;
    requires java.sql;
    requires jdk.management;
    requires jdk.unsupported;
    requires transitive org.slf4j;

    exports android.annotation;
    exports org.apache.ratis;
    exports org.apache.ratis.client;
    exports org.apache.ratis.client.api;
    exports org.apache.ratis.client.impl;
    exports org.apache.ratis.client.retry;
    exports org.apache.ratis.conf;
    exports org.apache.ratis.datastream;
    exports org.apache.ratis.datastream.impl;
    exports org.apache.ratis.grpc;
    exports org.apache.ratis.grpc.client;
    exports org.apache.ratis.grpc.metrics;
    exports org.apache.ratis.grpc.metrics.intercept.client;
    exports org.apache.ratis.grpc.metrics.intercept.server;
    exports org.apache.ratis.grpc.server;
    exports org.apache.ratis.grpc.util;
    exports org.apache.ratis.io;
    exports org.apache.ratis.metrics;
    exports org.apache.ratis.metrics.impl;
    exports org.apache.ratis.proto;
    exports org.apache.ratis.proto.grpc;
    exports org.apache.ratis.proto.netty;
    exports org.apache.ratis.proto.rmap;
    exports org.apache.ratis.protocol;
    exports org.apache.ratis.protocol.exceptions;
    exports org.apache.ratis.retry;
    exports org.apache.ratis.rpc;
    exports org.apache.ratis.security;
    exports org.apache.ratis.server;
    exports org.apache.ratis.server.impl;
    exports org.apache.ratis.server.leader;
    exports org.apache.ratis.server.metrics;
    exports org.apache.ratis.server.protocol;
    exports org.apache.ratis.server.raftlog;
    exports org.apache.ratis.server.raftlog.memory;
    exports org.apache.ratis.server.raftlog.segmented;
    exports org.apache.ratis.server.storage;
    exports org.apache.ratis.server.util;
    exports org.apache.ratis.statemachine;
    exports org.apache.ratis.statemachine.impl;
    exports org.apache.ratis.test.proto;
    exports org.apache.ratis.thirdparty.com.codahale.metrics;
    exports org.apache.ratis.thirdparty.com.codahale.metrics.jmx;
    exports org.apache.ratis.thirdparty.com.codahale.metrics.jvm;
    exports org.apache.ratis.thirdparty.com.google.common.annotations;
    exports org.apache.ratis.thirdparty.com.google.common.base;
    exports org.apache.ratis.thirdparty.com.google.common.base.internal;
    exports org.apache.ratis.thirdparty.com.google.common.cache;
    exports org.apache.ratis.thirdparty.com.google.common.collect;
    exports org.apache.ratis.thirdparty.com.google.common.escape;
    exports org.apache.ratis.thirdparty.com.google.common.eventbus;
    exports org.apache.ratis.thirdparty.com.google.common.graph;
    exports org.apache.ratis.thirdparty.com.google.common.hash;
    exports org.apache.ratis.thirdparty.com.google.common.html;
    exports org.apache.ratis.thirdparty.com.google.common.io;
    exports org.apache.ratis.thirdparty.com.google.common.math;
    exports org.apache.ratis.thirdparty.com.google.common.net;
    exports org.apache.ratis.thirdparty.com.google.common.primitives;
    exports org.apache.ratis.thirdparty.com.google.common.reflect;
    exports org.apache.ratis.thirdparty.com.google.common.util.concurrent;
    exports org.apache.ratis.thirdparty.com.google.common.util.concurrent.internal;
    exports org.apache.ratis.thirdparty.com.google.common.xml;
    exports org.apache.ratis.thirdparty.com.google.gson;
    exports org.apache.ratis.thirdparty.com.google.gson.annotations;
    exports org.apache.ratis.thirdparty.com.google.gson.internal;
    exports org.apache.ratis.thirdparty.com.google.gson.internal.bind;
    exports org.apache.ratis.thirdparty.com.google.gson.internal.bind.util;
    exports org.apache.ratis.thirdparty.com.google.gson.internal.reflect;
    exports org.apache.ratis.thirdparty.com.google.gson.internal.sql;
    exports org.apache.ratis.thirdparty.com.google.gson.reflect;
    exports org.apache.ratis.thirdparty.com.google.gson.stream;
    exports org.apache.ratis.thirdparty.com.google.protobuf;
    exports org.apache.ratis.thirdparty.com.google.protobuf.compiler;
    exports org.apache.ratis.thirdparty.com.google.protobuf.util;
    exports org.apache.ratis.thirdparty.com.google.thirdparty.publicsuffix;
    exports org.apache.ratis.thirdparty.io.grpc;
    exports org.apache.ratis.thirdparty.io.grpc.internal;
    exports org.apache.ratis.thirdparty.io.grpc.netty;
    exports org.apache.ratis.thirdparty.io.grpc.protobuf;
    exports org.apache.ratis.thirdparty.io.grpc.protobuf.lite;
    exports org.apache.ratis.thirdparty.io.grpc.stub;
    exports org.apache.ratis.thirdparty.io.grpc.stub.annotations;
    exports org.apache.ratis.thirdparty.io.grpc.util;
    exports org.apache.ratis.thirdparty.io.netty.bootstrap;
    exports org.apache.ratis.thirdparty.io.netty.buffer;
    exports org.apache.ratis.thirdparty.io.netty.buffer.search;
    exports org.apache.ratis.thirdparty.io.netty.channel;
    exports org.apache.ratis.thirdparty.io.netty.channel.embedded;
    exports org.apache.ratis.thirdparty.io.netty.channel.epoll;
    exports org.apache.ratis.thirdparty.io.netty.channel.group;
    exports org.apache.ratis.thirdparty.io.netty.channel.internal;
    exports org.apache.ratis.thirdparty.io.netty.channel.kqueue;
    exports org.apache.ratis.thirdparty.io.netty.channel.local;
    exports org.apache.ratis.thirdparty.io.netty.channel.nio;
    exports org.apache.ratis.thirdparty.io.netty.channel.oio;
    exports org.apache.ratis.thirdparty.io.netty.channel.pool;
    exports org.apache.ratis.thirdparty.io.netty.channel.socket;
    exports org.apache.ratis.thirdparty.io.netty.channel.socket.nio;
    exports org.apache.ratis.thirdparty.io.netty.channel.socket.oio;
    exports org.apache.ratis.thirdparty.io.netty.channel.unix;
    exports org.apache.ratis.thirdparty.io.netty.handler.address;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.base64;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.bytes;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.compression;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.dns;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.http;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.http.cookie;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.http.cors;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.http.multipart;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.http.websocketx;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.http.websocketx.extensions;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.http.websocketx.extensions.compression;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.http2;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.json;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.marshalling;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.protobuf;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.rtsp;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.serialization;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.spdy;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.string;
    exports org.apache.ratis.thirdparty.io.netty.handler.codec.xml;
    exports org.apache.ratis.thirdparty.io.netty.handler.flow;
    exports org.apache.ratis.thirdparty.io.netty.handler.flush;
    exports org.apache.ratis.thirdparty.io.netty.handler.ipfilter;
    exports org.apache.ratis.thirdparty.io.netty.handler.logging;
    exports org.apache.ratis.thirdparty.io.netty.handler.pcap;
    exports org.apache.ratis.thirdparty.io.netty.handler.ssl;
    exports org.apache.ratis.thirdparty.io.netty.handler.ssl.ocsp;
    exports org.apache.ratis.thirdparty.io.netty.handler.ssl.util;
    exports org.apache.ratis.thirdparty.io.netty.handler.stream;
    exports org.apache.ratis.thirdparty.io.netty.handler.timeout;
    exports org.apache.ratis.thirdparty.io.netty.handler.traffic;
    exports org.apache.ratis.thirdparty.io.netty.internal.tcnative;
    exports org.apache.ratis.thirdparty.io.netty.resolver;
    exports org.apache.ratis.thirdparty.io.netty.resolver.dns;
    exports org.apache.ratis.thirdparty.io.netty.resolver.dns.macos;
    exports org.apache.ratis.thirdparty.io.netty.util;
    exports org.apache.ratis.thirdparty.io.netty.util.collection;
    exports org.apache.ratis.thirdparty.io.netty.util.concurrent;
    exports org.apache.ratis.thirdparty.io.netty.util.internal;
    exports org.apache.ratis.thirdparty.io.netty.util.internal.logging;
    exports org.apache.ratis.thirdparty.io.netty.util.internal.shaded.org.jctools.queues;
    exports org.apache.ratis.thirdparty.io.netty.util.internal.shaded.org.jctools.queues.atomic;
    exports org.apache.ratis.thirdparty.io.netty.util.internal.shaded.org.jctools.queues.atomic.unpadded;
    exports org.apache.ratis.thirdparty.io.netty.util.internal.shaded.org.jctools.queues.unpadded;
    exports org.apache.ratis.thirdparty.io.netty.util.internal.shaded.org.jctools.util;
    exports org.apache.ratis.thirdparty.io.netty.util.internal.svm;
    exports org.apache.ratis.thirdparty.io.opencensus.common;
    exports org.apache.ratis.thirdparty.io.opencensus.contrib.grpc.metrics;
    exports org.apache.ratis.thirdparty.io.opencensus.internal;
    exports org.apache.ratis.thirdparty.io.opencensus.metrics;
    exports org.apache.ratis.thirdparty.io.opencensus.metrics.data;
    exports org.apache.ratis.thirdparty.io.opencensus.metrics.export;
    exports org.apache.ratis.thirdparty.io.opencensus.resource;
    exports org.apache.ratis.thirdparty.io.opencensus.stats;
    exports org.apache.ratis.thirdparty.io.opencensus.tags;
    exports org.apache.ratis.thirdparty.io.opencensus.tags.propagation;
    exports org.apache.ratis.thirdparty.io.opencensus.tags.unsafe;
    exports org.apache.ratis.thirdparty.io.opencensus.trace;
    exports org.apache.ratis.thirdparty.io.opencensus.trace.config;
    exports org.apache.ratis.thirdparty.io.opencensus.trace.export;
    exports org.apache.ratis.thirdparty.io.opencensus.trace.internal;
    exports org.apache.ratis.thirdparty.io.opencensus.trace.propagation;
    exports org.apache.ratis.thirdparty.io.opencensus.trace.samplers;
    exports org.apache.ratis.thirdparty.io.opencensus.trace.unsafe;
    exports org.apache.ratis.thirdparty.io.perfmark;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.builder.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.calledmethods.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.compilermsgs.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.fenum.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.formatter.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.guieffect.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.i18n.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.i18nformatter.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.index.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.initialization.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.interning.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.lock.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.mustcall.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.nullness.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.optional.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.propkey.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.regex.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.signature.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.signedness.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.tainting.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.checker.units.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.common.aliasing.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.common.initializedfields.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.common.reflection.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.common.returnsreceiver.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.common.subtyping.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.common.util.report.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.common.value.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.dataflow.qual;
    exports org.apache.ratis.thirdparty.org.checkerframework.framework.qual;
    exports org.apache.ratis.util;
    exports org.apache.ratis.util.function;

    uses org.apache.ratis.metrics.MetricRegistries;
    uses org.apache.ratis.thirdparty.io.grpc.LoadBalancerProvider;
    uses org.apache.ratis.thirdparty.io.grpc.ManagedChannelProvider;
    uses org.apache.ratis.thirdparty.io.grpc.NameResolverProvider;
    uses org.apache.ratis.thirdparty.io.grpc.ServerProvider;
    uses org.apache.ratis.thirdparty.io.netty.bootstrap.ChannelInitializerExtension;

    provides org.apache.ratis.metrics.MetricRegistries
        with org.apache.ratis.metrics.impl.MetricRegistriesImpl;
    provides org.apache.ratis.thirdparty.io.grpc.LoadBalancerProvider
        with org.apache.ratis.thirdparty.io.grpc.internal.PickFirstLoadBalancerProvider,
             org.apache.ratis.thirdparty.io.grpc.util.SecretRoundRobinLoadBalancerProvider.Provider,
             org.apache.ratis.thirdparty.io.grpc.util.OutlierDetectionLoadBalancerProvider;
    provides org.apache.ratis.thirdparty.io.grpc.ManagedChannelProvider
        with org.apache.ratis.thirdparty.io.grpc.netty.NettyChannelProvider,
             org.apache.ratis.thirdparty.io.grpc.netty.UdsNettyChannelProvider;
    provides org.apache.ratis.thirdparty.io.grpc.NameResolverProvider
        with org.apache.ratis.thirdparty.io.grpc.netty.UdsNameResolverProvider,
             org.apache.ratis.thirdparty.io.grpc.internal.DnsNameResolverProvider;
    provides org.apache.ratis.thirdparty.io.grpc.ServerProvider
        with org.apache.ratis.thirdparty.io.grpc.netty.NettyServerProvider;
}
