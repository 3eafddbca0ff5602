package io.waihu.backend.users;

import io.waihu.backend.axon.AxonModule;
import io.waihu.projections.users.UserViewProjection;
import jakarta.inject.Singleton;
import java.util.List;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/** Users in Axon: one aggregate per user, and the user view logins read. */
@Singleton
public class UsersModule implements AxonModule {

    private final UserViewProjection view;

    public UsersModule(UserViewProjection view) {
        this.view = view;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(User.class));
    }

    @Override
    public List<Object> projections() {
        return List.of(view);
    }
}
